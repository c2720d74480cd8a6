package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-site scripting as attacks write it, evasions included, and the text and markup that must pass. */
class XssDetectorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // tags that run or embed active content
        "<script>alert(1)</script>", "<ScRiPt>alert(1)</sCrIpT>", "<script\n>alert(1)</script>",
        "<scr\0ipt>alert(1)</script>", "<script/src=//x.example/a.js>", "<SCRIPT SRC=//xss.rocks/.j></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<IFRAME SRC=\"javascript:alert(1);\"></IFRAME>", "<object data=\"data:text/html;base64,PHNjcmlwdD4=\">",
        "<object type=\"text/x-scriptlet\" data=\"http://x/scriptlet.html\"></object>",
        "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">", "<svg><script>alert(1)</script>",
        "<link rel=import href=//evil>", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"//evil.example/\">", "<style>@import 'x'</style>", "<form action=//evil><input name=p>",
        "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\" src=\"data:,alert(1)\" />", "<applet code=X>",
        "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
        "<img \"\"\"><script>alert(1)</script>\">",
        // event handlers
        "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "<svg onload=alert(1)", "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>", "<x onclick=alert(1)>click",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>", "<video><source onerror=\"alert(1)\">",
        "<marquee onstart=alert(1)>", "<img src=x onerror\u000b=alert(1)>", "<img src=`x` onerror=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\"", "<xss onbeforehellfreezes=alerw(1)>", "<IMG SRC=x OnErRoR=alert(1)>",
        "<!--x--!><img src=x onerror=alert(1)>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<x ev:handler=\"javascript:alert(1)\">", "<x:a x:onclick=\"alert(1)\">", "<svg:rect width=1>",
        "<script<{alert(1)}/></script>", "<span datasrc=#x datafld=a dataformatas=html></span>",
        "<IMG SRC=`javascript:alert(1)`>", "<?xml:namespace prefix=t ns=\"urn:schemas-microsoft-com:time\">",
        "<a style=\"-o-link:'javascript:alert(1)'\">x</a>", "<p style=\"x:xexpression(alert(1))\">",
        // injected among a tag's attributes, or into an attribute value
        "onmouseover=alert(1)", "autofocus onfocus=alert(1)", "' onmouseover='alert(1)", "\" autofocus onfocus=\"alert(1)", "x onerror=alert(1)", "x onclick=go",
        "\" style=\"width:expression(alert(1))", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
        " \u0001javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        // script and markup URLs, with references, blanks and control bytes
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav\tascript:alert(1)\">x</a>", "<a href=\"jav&Tab;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#0000106avascript:alert(1)\">x</a>", "<a href=\"&#x6A&#x61vascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=\" \u0001javascript:alert(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">", "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">", "<a href=vbscript:msgbox(1)>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<button formaction=javascript:alert(1)>x</button>",
        "<animate attributeName=href values=javascript:alert(1)>", "<set attributeName=onmouseover to=alert(1)>",
        "<a xlink:href=\"javascript:alert(1)\">",
        // styles that run script
        "<div style=\"background:url(javascript:alert(1))\">", "<div style=\"width: expression(alert(1))\">",
        "<div style=\"width: exp/**/ression(alert(1))\">", "<div style=\"behavior: url(x.htc)\">",
        "<div style=\"-moz-binding:url('//x/xss.xml#x')\">",
        // what browsers read specially
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->", "<![if true]>x<![endif]>",
        "<?xml-stylesheet type=\"text/xsl\" href=\"data:,x\"?>", "<?xml-stylesheet href=\"javascript:alert(1)\"?>", "<?import namespace=t implementation=#default#time2>",
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">", "<!DOCTYPE html>",
    })
    void findsScript(String attack) {
        assertThat(XssDetector.detect(attack)).as(attack).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "hello world", "a < b", "a<b", "a > b", "x<y>z", "if (a<b && c>d) return", "5 > 3 and 2 < 4", "I <3 you", "<3",
        "<b>bold</b>", "<p>Hello</p>", "<br>", "<em>x</em> & <strong>y</strong>", "<ul><li>one</li></ul>",
        "<!-- a comment -->", "<a href=\"https://example.com\">link</a>", "<a href=\"/path?x=1&y=2\">x</a>",
        "<a href=\"mailto:x@example.com\">mail</a>", "<a title='x' href='#top'>top</a>", "<img src=\"cat.png\" alt=\"cat\">",
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<p style=\"color:red; font-weight:bold\">x</p>",
        "**bold** and _italic_ [link](http://x.com)", "{\"a\":\"<b>\"}", "<john@example.com>", "status online=yes",
        "online=yes", "the onion=good", "Click on the button", "mode=onload", "JavaScript: The Good Parts",
        "Data: see attached", "javascript", "https://example.com/?q=javascript", "O'Reilly", "\"quoted words\"", "don't",
        "1' or '1'='1", "x = y", "<p>1 < 2</p>", "&lt;script&gt;alert(1)&lt;/script&gt;",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "caf\u00e9 <em>cr\u00e8me</em>", "\u00e9t\u00e9 > hiver", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><order/>",
        "<?xml-stylesheet type=\"text/xsl\" href=\"style.xsl\"?>", "\"ScalingBehavior\": \"DEFAULT\"",
        "--condition-expression \"(a IN (:x, :y))\"", "{\"style\": \"javascript: the good parts\"}", "color:red",
        "a=b c=d", "only=1 once=2",
    })
    void passesTextAndHarmlessMarkup(String text) {
        assertThat(XssDetector.detect(text)).as(text).isFalse();
    }

    @Test
    void nothingIsNoScript() {
        assertThat(XssDetector.detect("")).isFalse();
        assertThat(XssDetector.detect(null)).isFalse();
    }

    @Test
    void aMegabyteIsReadInOnePassPerStart() {
        String text = "<p>lorem <b>ipsum</b> dolor &amp; sit amet</p><!-- x --> ".repeat(20_000);
        assertThat(text.length()).isGreaterThan(1_000_000);
        assertThat(XssDetector.detect(text)).isFalse();
        assertThat(XssDetector.detect(text + "<img src=x onerror=alert(1)>")).isTrue();
        assertThat(XssDetector.detect("<!--a-->".repeat(125_000))).isFalse();
        assertThat(XssDetector.detect("<a ".repeat(333_333))).isFalse();
        assertThat(XssDetector.detect("&#".repeat(500_000))).isFalse();
    }
}
