package dev.gatehouse.adapters.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwaspMailHtmlSanitizerTest {
    private final OwaspMailHtmlSanitizer sanitizer = new OwaspMailHtmlSanitizer();

    @Test
    void keepsTextFormattingAndThePlaceholder() {
        String clean = sanitizer.sanitize("<h1>Welcome</h1><p>Hello <b>Ann</b>, <em>click</em> [link]<br>"
                + "<ul><li>one</li></ul></p>");

        assertThat(clean).contains("<h1>Welcome</h1>", "<b>Ann</b>", "<em>click</em>", "[link]", "<br />",
                "<li>one</li>");
    }

    @Test
    void dropsEveryLinkButKeepsItsTextAndDropsHiddenOnes() {
        String clean = sanitizer.sanitize("<p>[link] <a href=\"https://evil.example.net/phish\" style=\"display:none\">"
                + "Verify</a> <a href=\"javascript:alert(1)\">x</a> <area href=\"https://evil.example.net\"></p>");

        assertThat(clean).doesNotContain("href", "evil.example.net", "javascript", "style", "<a", "<area")
                .contains("Verify", "[link]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=\"https://evil.example.net/pixel.gif\" onerror=\"alert(1)\">",
            "<style>p{display:none}</style>",
            "<iframe src=\"https://evil.example.net\"></iframe>",
            "<form action=\"https://evil.example.net\"><input name=\"password\"></form>",
            "<p onclick=\"alert(1)\" class=\"hidden\" id=\"x\">",
            "<svg><a xlink:href=\"https://evil.example.net\">x</a></svg>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example.net\">",
            "<base href=\"https://evil.example.net/\">",
    })
    void removesActiveRemoteAndHidingMarkup(String attack) {
        String clean = sanitizer.sanitize("<p>Hi [link]</p>" + attack);

        assertThat(clean).doesNotContain("<script", "alert", "<img", "evil.example.net", "<style", "display",
                "<iframe", "<form", "<input", "onclick", "class=", "id=", "<svg", "<meta", "<base")
                .contains("[link]");
    }

    @Test
    void escapesWhatIsLeftAsText() {
        assertThat(sanitizer.sanitize("a < b & \"c\"")).isEqualTo("a &lt; b &amp; &#34;c&#34;");
        assertThat(sanitizer.sanitize(null)).isEmpty();
    }
}
