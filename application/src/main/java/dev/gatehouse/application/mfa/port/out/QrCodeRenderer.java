package dev.gatehouse.application.mfa.port.out;

/** Draws QR codes, such as the one of an otpauth URI that an authenticator app scans at enrolment. */
@FunctionalInterface
public interface QrCodeRenderer {

    /**
     * A standalone SVG document (no scripts, no external references) of the QR code that encodes {@code text}.
     *
     * @throws IllegalArgumentException when the text is too long for a QR code
     */
    String svg(String text);
}
