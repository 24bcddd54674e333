package dev.gatehouse.adapters.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import dev.gatehouse.domain.mfa.OtpauthUri;
import dev.gatehouse.domain.mfa.TotpSecret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrcodegenSvgRendererTest {
    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");
    private static final Pattern VIEW_BOX = Pattern.compile("0 0 (\\d+) (\\d+)");

    private final QrcodegenSvgRenderer renderer = new QrcodegenSvgRenderer();

    private static String uri(String account) {
        byte[] key = new byte[TotpSecret.BYTES];
        key[0] = 7;
        return OtpauthUri.of(TotpSecret.of(key), "Acme Corp", account).value();
    }

    @Test
    void theSvgIsWellFormedXmlWithOneSquareViewBoxABackgroundAndOnePath() throws Exception {
        Element svg = parse(renderer.svg(uri("ada@example.com"))).getDocumentElement();

        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getLocalName()).isEqualTo("svg");
        Matcher box = VIEW_BOX.matcher(svg.getAttribute("viewBox"));
        assertThat(box.matches()).isTrue();
        assertThat(box.group(1)).isEqualTo(box.group(2));
        assertThat(svg.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1);
        assertThat(svg.getElementsByTagNameNS("*", "path").getLength()).isEqualTo(1);
        assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
    }

    /** The path read back into modules and decoded by an independent QR decoder gives the URI again. */
    @Test
    void encodesTheUriSoThatAQrDecoderReadsItBack() throws Exception {
        String uri = uri("ada+mfa@example.com");

        assertThat(decode(renderer.svg(uri))).isEqualTo(uri);
    }

    @Test
    void differentUrisGiveDifferentCodesAndTheSameUriTheSameCode() {
        assertThat(renderer.svg(uri("ada@example.com"))).isEqualTo(renderer.svg(uri("ada@example.com")))
                .isNotEqualTo(renderer.svg(uri("bob@example.com")));
    }

    @Test
    void staysSmallForAnEnrolmentAndRefusesTextTooLongForAQrCode() {
        assertThat(renderer.svg(uri("ada@example.com")).length()).isLessThan(16_000);
        assertThatThrownBy(() -> renderer.svg("x".repeat(5000))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static String decode(String svg) throws Exception {
        Element root = parse(svg).getDocumentElement();
        Matcher box = VIEW_BOX.matcher(root.getAttribute("viewBox"));
        assertThat(box.matches()).isTrue();
        int quiet = QrcodegenSvgRenderer.QUIET_ZONE;
        int size = Integer.parseInt(box.group(1)) - 2 * quiet;
        BitMatrix modules = new BitMatrix(size);
        String d = ((Element) root.getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        Matcher run = RUN.matcher(d);
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).as("nothing but runs in the path").isEqualTo(end);
            end = run.end();
            int x = Integer.parseInt(run.group(1)) - quiet;
            int y = Integer.parseInt(run.group(2)) - quiet;
            modules.setRegion(x, y, Integer.parseInt(run.group(3)), 1);
        }
        assertThat(end).isEqualTo(d.length());
        return new Decoder().decode(modules).getText();
    }
}
