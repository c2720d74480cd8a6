package io.frontdesk.waf.engine.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.frontdesk.waf.engine.body.ParsedBody.Field;

/** XML bodies: text and attributes as ModSecurity queries them, and no entity ever expanded. */
class XmlProcessorTest {

    private static final String ERROR = "XML parsing error: XML: Failed parsing document.";

    @TempDir
    Path directory;

    private static ParsedBody read(String body) {
        ParsedBody parsed = new ParsedBody();
        new XmlProcessor().process(body, "application/xml", parsed);
        return parsed;
    }

    /** What {@code XML:/*} is: the text of the whole document. */
    private static String allText(ParsedBody parsed) {
        return parsed.xmlNodes().stream().map(Field::value).collect(Collectors.joining());
    }

    /** A text given as UTF-8 bytes, one char each, as the body reaches the processor. */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void textAndAttributesAreFoundUnderTheirPaths() {
        ParsedBody parsed = read("<?xml version=\"1.0\"?>\n<order id=\"7\">\n  <item sku=\"a&amp;b\" qty='2'>pen</item>"
                + "\n  <note><![CDATA[<b>fast</b>]]> please<!-- hidden --></note>\n</order>\n");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.xmlNodes()).extracting(Field::name, Field::value).containsExactly(
                tuple("/order", "\n  "), tuple("/order/item", "pen"), tuple("/order", "\n  "),
                tuple("/order/note", "<b>fast</b> please"), tuple("/order", "\n"));
        assertThat(allText(parsed)).isEqualTo("\n  pen\n  <b>fast</b> please\n");
        assertThat(parsed.xmlAttributes()).extracting(Field::name, Field::value).containsExactly(
                tuple("/order/@id", "7"), tuple("/order/item/@sku", "a&b"), tuple("/order/item/@qty", "2"));
        assertThat(parsed.arguments()).isEmpty();
    }

    @Test
    void valuesAreUtf8BytesWhateverTheDocumentEncoding() {
        ParsedBody latin1 = read("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r a=\"\u00e9\">caf\u00e9 &#x20AC;</r>");
        assertThat(latin1.error()).isNull();
        assertThat(allText(latin1)).isEqualTo(utf8("caf\u00e9 \u20ac"));
        assertThat(latin1.xmlAttributes()).extracting(Field::value).containsExactly(utf8("\u00e9"));

        ParsedBody utf8 = read(utf8("<r>\u65e5\u672c &lt;tag&gt;</r>"));
        assertThat(allText(utf8)).isEqualTo(utf8("\u65e5\u672c <tag>"));

        assertThat(read("<r>\u00e9</r>").error()).as("a lone Latin-1 byte is no UTF-8").isEqualTo(ERROR);
    }

    @Test
    void namespaceDeclarationsAreNoAttributesAndPrefixesStayInPaths() {
        ParsedBody parsed = read("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns=\"urn:x\"><soap:Body><m:get xmlns:m=\"urn:m\" m:id=\"1\">x</m:get><u:free>y</u:free>"
                + "</soap:Body></soap:Envelope>");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.xmlAttributes()).extracting(Field::name, Field::value)
                .containsExactly(tuple("/soap:Envelope/soap:Body/m:get/@m:id", "1"));
        assertThat(parsed.xmlNodes()).extracting(Field::name)
                .containsExactly("/soap:Envelope/soap:Body/m:get", "/soap:Envelope/soap:Body/u:free");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "   ", "plain text", "<a>", "<a></b>", "<a/><b/>", "<a x=1/>", "<a x=\"1\" x=\"2\"/>",
        "<a>&undefined;</a>", "<a>&#0;</a>", " <?xml version=\"1.0\"?><a/>", "<?xml version=\"1.0\" encoding=\"nope\"?><a/>"})
    void malformedDocumentsAreErrors(String body) {
        assertThat(read(body).error()).isEqualTo(ERROR);
    }

    @Test
    void textReadBeforeTheFaultStays() {
        ParsedBody parsed = read("<a><b>one</b>two</a");

        assertThat(parsed.error()).isEqualTo(ERROR);
        assertThat(allText(parsed)).isEqualTo("onetwo");
    }

    @Test
    void aDocumentTypeIsRefusedAndNoEntityIsExpanded() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET");
        String[] bodies = {
            "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>",
            "<!DOCTYPE r SYSTEM \"" + secret.toUri() + "\"><r>text</r>",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><r/>",
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                    + "<r>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</r>",
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + secret.toUri()
                    + "\" parse=\"text\"/></r>"};

        for (String body : bodies) {
            ParsedBody parsed = read(body);
            assertThat(allText(parsed)).as(body).doesNotContain("TOP-SECRET").doesNotContain("aaaaaaaaaa");
            assertThat(parsed.xmlAttributes()).extracting(Field::value).as(body).doesNotContain("TOP-SECRET");
        }
        assertThat(read(bodies[0]).error()).isEqualTo(ERROR);
        assertThat(read(bodies[1]).error()).isEqualTo(ERROR);
        assertThat(read(bodies[3]).error()).isEqualTo(ERROR);
        assertThat(read(bodies[4]).error()).as("XInclude is only an element here").isNull();
    }

    @Test
    void nestingStopsAt256ElementsAsInLibxml2() {
        assertThat(read("<a>".repeat(256) + "x" + "</a>".repeat(256)).error()).isNull();
        assertThat(read("<a>".repeat(257) + "x" + "</a>".repeat(257)).error()).isEqualTo(ERROR);
        assertThat(read("<a>".repeat(1_000_000)).error()).isEqualTo(ERROR);
    }

    @Test
    void pathsCannotOutgrowTheBodyByFar() {
        String name = "n".repeat(900);
        String deep = ("<" + name + ">").repeat(250);
        ParsedBody parsed = read(deep + "<x a=\"1\"/>".repeat(10_000) + ("</" + name + ">").repeat(250));

        assertThat(parsed.error()).isEqualTo(ERROR);
        assertThat(parsed.xmlAttributes().size()).isBetween(1, 1000);

        ParsedBody wide = read("<r>" + "<item id=\"1\">v</item>".repeat(100_000) + "</r>");
        assertThat(wide.error()).isNull();
        assertThat(wide.xmlNodes()).hasSize(100_000);

        ParsedBody runs = read(deep + "t<x/>".repeat(100_000) + ("</" + name + ">").repeat(250));
        assertThat(runs.error()).isNull();
        assertThat(runs.xmlNodes()).hasSize(100_000);
        assertThat(runs.xmlNodes().get(99_999).name()).as("one path for all the element's text")
                .isSameAs(runs.xmlNodes().get(0).name());
    }
}
