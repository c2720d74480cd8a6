package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-ftw's reading of a stage and the completion it applies, on small files written here. */
class GoFtwSuiteLoaderTest {

    @TempDir
    Path directory;

    private SuiteFile load(String yaml) throws IOException {
        Path file = directory.resolve("123456.yaml");
        Files.writeString(file, yaml);
        return GoFtwSuiteLoader.load(file);
    }

    /** One stage with the given input lines (indented under {@code input:}) and no output. */
    private String rendered(String inputLines) throws IOException {
        SuiteFile suite = load("rule_id: 123456\ntests:\n  - test_id: 1\n    stages:\n      - input:\n"
                + inputLines.indent(10));
        return RequestRenderer.renderByteString(suite.tests().get(0).stages().get(0).input());
    }

    @Test
    void defaultsAreGetSlashHttp11AndAConnectionClose() throws IOException {
        assertThat(rendered("headers:\n  Host: localhost")).isEqualTo(
                "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    @Test
    void headersGoOutSortedByNameWithTheirValuesAsWritten() throws IOException {
        assertThat(rendered("headers:\n  b-second: 0x10\n  X-Empty: ''\n  A-First: 1.50\n  Host: localhost"))
                .isEqualTo("GET / HTTP/1.1\r\nA-First: 1.50\r\nHost: localhost\r\nX-Empty: \r\nb-second: 0x10\r\n"
                        + "Connection: close\r\n\r\n");
    }

    @Test
    void orderedHeadersKeepTheirOrderAndRepeats() throws IOException {
        assertThat(rendered("ordered_headers:\n  - {name: Z, value: '1'}\n  - {name: A, value: '2'}\n"
                + "  - {name: Z, value: '3'}\nautocomplete_headers: false"))
                .isEqualTo("GET / HTTP/1.1\r\nZ: 1\r\nA: 2\r\nZ: 3\r\n\r\n");
    }

    @Test
    void formDataIsEncodedPieceByPiece() throws IOException {
        assertThat(rendered("method: POST\ndata: \"a=b c&d=<x>=y&flag&é=~\"")).isEqualTo("POST / HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: 33\r\n\r\n"
                + "a=b+c&d=%3Cx%3E%3Dy&flag&%C3%A9=~");
    }

    @Test
    void dataWithAPercentOrPlusIsTakenAsEncodedAlready() throws IOException {
        assertThat(rendered("method: POST\ndata: \"a=<%zz>\"")).endsWith("\r\n\r\na=<%zz>");
        assertThat(rendered("method: POST\ndata: \"a=<1+1>\"")).endsWith("\r\n\r\na=<1+1>");
    }

    @Test
    void dataOfAnotherTypeIsNotEncoded() throws IOException {
        assertThat(rendered("method: POST\nheaders:\n  Content-Type: application/json\ndata: '{\"a\": 1}'"))
                .isEqualTo("POST / HTTP/1.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        + "Content-Length: 8\r\n\r\n{\"a\": 1}");
    }

    @Test
    void headerNamesMatchIgnoringCaseAsGoCanonicalisesThem() throws IOException {
        assertThat(rendered("method: POST\nheaders:\n  content-type: APPLICATION/X-WWW-FORM-URLENCODED\n"
                + "  connection: keep-alive\n  content-length: '99'\ndata: a=<"))
                .isEqualTo("POST / HTTP/1.1\r\nconnection: keep-alive\r\ncontent-length: 99\r\n"
                        + "content-type: APPLICATION/X-WWW-FORM-URLENCODED\r\n\r\na=%3C");
    }

    @Test
    void multipartBodiesGetCrlfEvenWithoutCompletion() throws IOException {
        assertThat(rendered("method: POST\nautocomplete_headers: false\nheaders:\n"
                + "  Content-Type: multipart/form-data; boundary=x\ndata: \"--x\\na\\r\\n--x--\\n\""))
                .isEqualTo("POST / HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=x\r\n\r\n"
                        + "--x\r\na\r\r\n--x--\r\n");
    }

    @Test
    void stopMagicIsTheOlderSpellingOfNoCompletion() throws IOException {
        assertThat(rendered("method: POST\nstop_magic: true\ndata: a=<")).isEqualTo("POST / HTTP/1.1\r\n\r\na=<");
    }

    @Test
    void bodylessMethodsGetAContentLengthByGoFtwsExpression() throws IOException {
        assertThat(rendered("method: POST")).contains("Content-Length: 0\r\n");
        assertThat(rendered("method: XPUTX")).contains("Content-Length: 0\r\n");
        assertThat(rendered("method: MYDELETE")).contains("Content-Length: 0\r\n");
        assertThat(rendered("method: DELETEX")).doesNotContain("Content-Length");
        assertThat(rendered("method: XPOST")).doesNotContain("Content-Length");
    }

    @Test
    void dataTemplatesRepeat() throws IOException {
        assertThat(rendered("method: POST\nheaders:\n  Content-Type: text/plain\n"
                + "data: '<{{ \"ab\" | repeat 3 }}|{{repeat 2 \"c\"}}>'")).endsWith("\r\n\r\n<ababab|cc>");
        assertThatThrownBy(() -> rendered("data: '{{ .Payload }}'")).isInstanceOf(FtwFormatException.class)
                .hasMessageContaining("unsupported template action");
    }

    @Test
    void encodedInputIsDecoded() throws IOException {
        assertThat(rendered("encoded_request: R0VUIC8gSFRUUC8xLjANCg0K\nuri: /ignored"))
                .isEqualTo("GET / HTTP/1.0\r\n\r\n");
        assertThat(rendered("method: POST\nautocomplete_headers: false\nencoded_data: AAH/"))
                .endsWith("\r\n\r\n\0\1\u00ff");
    }

    @Test
    void outputUnifiesIdChecksAndKeepsOtherPatterns() throws IOException {
        SuiteFile suite = load("rule_id: 1\ntests:\n  - stages:\n"
                + "      - input: {}\n        output:\n          status: 403\n          log:\n"
                + "            expect_ids: [1, 2]\n            no_match_regex: 'x\\d'\n"
                + "      - input: {}\n        output:\n          log_contains: id \"42\"\n"
                + "          no_log_contains: 'other'\n          expect_error: true\n"
                + "      - input: {}\n        output:\n          log_contains: id \"42\"\n          log:\n"
                + "            match_regex: mine\n");
        StageOutput first = suite.tests().get(0).stages().get(0).output();
        StageOutput second = suite.tests().get(0).stages().get(1).output();
        StageOutput third = suite.tests().get(0).stages().get(2).output();

        assertThat(suite.tests().get(0).number()).isEqualTo(1);
        assertThat(first.statuses()).containsExactly(403);
        assertThat(first.expectedIds()).containsExactly(1, 2);
        assertThat(first.logMismatch()).contains("x\\d");
        assertThat(second.expectedIds()).containsExactly(42);
        assertThat(second.logMismatch()).contains("other");
        assertThat(second.expectError()).isTrue();
        assertThat(third.expectedIds()).isEmpty();
        assertThat(third.logMatch()).contains("mine");
    }

    @Test
    void mistakesAndUnsupportedFieldsNameTheirLine() throws IOException {
        assertThatThrownBy(() -> rendered("methd: GET")).isInstanceOf(FtwFormatException.class)
                .hasMessageEndingWith("123456.yaml:6: unknown field 'methd'");
        assertThatThrownBy(() -> rendered("follow_redirect: true")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> rendered("data: x\nencoded_request: eA=="))
                .hasMessageContaining("must not be set together");
        assertThatThrownBy(() -> rendered("headers:\n  Host: a\n  Host: b")).hasMessageContaining("written twice");
    }
}
