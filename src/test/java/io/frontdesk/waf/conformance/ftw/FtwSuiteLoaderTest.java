package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python ftw's reading of a stage and the completion it applies, on small files written here. */
class FtwSuiteLoaderTest {

    @TempDir
    Path directory;

    private SuiteFile load(String inputLines, String outputLines) throws IOException {
        Path file = directory.resolve("654321.yaml");
        Files.writeString(file, "meta:\n  enabled: true\ntests:\n  - test_title: t-1\n    stages:\n      - stage:\n"
                + "          input:\n" + inputLines.indent(12) + "          output:\n" + outputLines.indent(12));
        return FtwSuiteLoader.load(file);
    }

    private String rendered(String inputLines) throws IOException {
        return RequestRenderer.renderByteString(load(inputLines, "status: 200").tests().get(0).stages().get(0).input());
    }

    @Test
    void headersKeepTheirFileOrderAndNothingIsAddedWithoutData() throws IOException {
        assertThat(rendered("headers:\n  Zed: '1'\n  Host: localhost\n  Content-Length: 0"))
                .isEqualTo("GET / HTTP/1.1\r\nZed: 1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void dataGetsAFormTypeAndItsLengthAtTheEnd() throws IOException {
        assertThat(rendered("method: POST\nheaders:\n  Host: localhost\ndata: a=<b> c")).isEqualTo(
                "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 11\r\n\r\na=%3Cb%3E+c");
    }

    @Test
    void formDataDropsPiecesWithoutValuesAndReadsPlusAsSpace() throws IOException {
        assertThat(rendered("method: POST\ndata: a=1&b=&c&&d=x+y=z%zz&=v")).endsWith("\r\n\r\na=1&d=x+y%3Dz%25zz&=v");
        assertThat(rendered("method: POST\ndata: justtext")).endsWith("\r\n\r\njusttext");
    }

    @Test
    void dataWithAPercentEscapeStaysAsItIs() throws IOException {
        assertThat(rendered("method: POST\ndata: a=%3C&b=<")).endsWith("Content-Length: 9\r\n\r\na=%3C&b=<");
    }

    @Test
    void headerKeysAreMatchedExactlyAsPythonDictionaryKeys() throws IOException {
        assertThat(rendered("method: POST\nheaders:\n  content-type: text/plain\ndata: é")).isEqualTo(
                "POST / HTTP/1.1\r\ncontent-type: text/plain\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 1\r\n\r\n\u00c3\u00a9");
        assertThat(rendered("method: POST\nheaders:\n  Content-Type: text/plain\ndata: é")).isEqualTo(
                "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\n\u00c3\u00a9");
    }

    @Test
    void dataListsAreJoinedWithCrlf() throws IOException {
        assertThat(rendered("method: POST\nstop_magic: true\ndata:\n  - a\n  - ''\n  - b")).isEqualTo(
                "POST / HTTP/1.1\r\n\r\na\r\n\r\nb");
    }

    @Test
    void outputsTakeStatusListsAndIdPatterns() throws IOException {
        StageOutput output = load("uri: /", "status: [403, 400]\nlog_contains: id \"942100\"\n"
                + "no_log_contains: '941\\d+'\nresponse_contains: Forbidden").tests().get(0).stages().get(0).output();

        assertThat(output.statuses()).containsExactly(403, 400);
        assertThat(output.expectedIds()).containsExactly(942100);
        assertThat(output.unexpectedIds()).isEmpty();
        assertThat(output.logMismatch()).contains("941\\d+");
        assertThat(output.responseContains()).contains("Forbidden");
    }

    @Test
    void testsAreNamedByTitleAndNumberedByPosition() throws IOException {
        RegressionTest test = load("uri: /", "status: 200").tests().get(0);

        assertThat(test.title()).isEqualTo("t-1");
        assertThat(test.number()).isEqualTo(1);
        assertThat(test.ruleId()).isEqualTo(654321);
    }

    @Test
    void unknownFieldsNullHeaderValuesAndCookiesAreRefused() {
        assertThatThrownBy(() -> rendered("ur: /")).isInstanceOf(FtwFormatException.class)
                .hasMessageContaining("unknown field 'ur'");
        assertThatThrownBy(() -> rendered("headers:\n  Host:")).hasMessageContaining("header Host without a value");
        assertThatThrownBy(() -> rendered("save_cookie: true")).hasMessageContaining("save_cookie is not supported");
    }
}
