package dev.gatehouse.adapters.crypto;

import dev.gatehouse.application.mfa.port.out.QrCodeRenderer;
import io.nayuki.qrcodegen.QrCode;

/**
 * {@link QrCodeRenderer} with qrcodegen: the QR code (error correction level M, which scans well from a screen
 * and leaves an otpauth URI a small symbol) as an SVG of one path, one module a unit, inside the quiet zone of
 * {@value #QUIET_ZONE} modules that the standard asks for. Dark modules of a row are drawn as runs, which keeps
 * an enrolment's SVG to a few kilobytes. Only the path's numbers come from the text, so nothing in it can
 * escape into the markup.
 */
public final class QrcodegenSvgRenderer implements QrCodeRenderer {
    static final int QUIET_ZONE = 4;

    @Override
    public String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM); // DataTooLongException is an IllegalArgumentException
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(qr.size * qr.size * 2);
        for (int y = 0; y < qr.size; y++) {
            int x = 0;
            while (x < qr.size) {
                if (!qr.getModule(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < qr.size && qr.getModule(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000000\"/>"
                + "</svg>\n";
    }
}
