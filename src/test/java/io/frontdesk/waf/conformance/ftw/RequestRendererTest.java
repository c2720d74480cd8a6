package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Real CRS stages rendered to the bytes their runner sends, and parsed back. */
class RequestRendererTest {

    private static final String ACCEPT =
            "text/xml,application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5";

    private static Stage v4Stage(String file, int test) throws IOException {
        Path path = CrsReleases.regressionDirectory(CrsReleases.V4).resolve("tests").resolve(file);
        return GoFtwSuiteLoader.load(path).tests().stream().filter(candidate -> candidate.number() == test)
                .findFirst().orElseThrow().stages().get(0);
    }

    private static Stage v3Stage(String file, String title) throws IOException {
        Path path = CrsReleases.regressionDirectory(CrsReleases.V3).resolve("tests").resolve(file);
        return FtwSuiteLoader.load(path).tests().stream().filter(candidate -> candidate.title().equals(title))
                .findFirst().orElseThrow().stages().get(0);
    }

    private static String rendered(Stage stage) {
        return ByteStrings.of(RequestRenderer.render(stage.input()));
    }

    @Test
    void anEncodedRequestIsSentAsItIs() throws IOException {
        Stage stage = v4Stage("REQUEST-920-PROTOCOL-ENFORCEMENT/920290.yaml", 4);

        assertThat(rendered(stage)).isEqualTo("GET / HTTP/1.0\r\nHost:\r\n\r\n");
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.method()).isEqualTo("GET");
        assertThat(parsed.target()).isEqualTo("/");
        assertThat(parsed.version()).isEqualTo("HTTP/1.0");
        assertThat(parsed.headers()).containsExactly(new Header("Host", ""));
        assertThat(parsed.body()).isEmpty();
        assertThat(parsed.irregularities()).isEmpty();
        assertThat(stage.output().expectedIds()).containsExactly(920290);
    }

    @Test
    void goFtwSortsTheHeadersFormEncodesTheDataAndCompletesTheHeaders() throws IOException {
        Stage stage = v4Stage("REQUEST-921-PROTOCOL-ATTACK/921110.yaml", 10);

        String body = "var=budget+foo%29%3C%2Fbar%3E%0A";
        assertThat(rendered(stage)).isEqualTo("POST / HTTP/1.1\r\n"
                + "Accept: " + ACCEPT + "\r\n"
                + "Host: localhost\r\n"
                + "User-Agent: OWASP CRS test agent\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n" + body);
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.body()).isEqualTo(body);
        assertThat(parsed.trailing()).isEmpty();
        assertThat(parsed.irregularities()).isEmpty();
        assertThat(stage.output().unexpectedIds()).containsExactly(921110);
    }

    @Test
    void aGetWithDataGetsAContentLengthAndItsBody() throws IOException {
        Stage stage = v4Stage("REQUEST-920-PROTOCOL-ENFORCEMENT/920273.yaml", 3);

        assertThat(rendered(stage)).isEqualTo("GET /index.html?test=test1 HTTP/1.1\r\n"
                + "Accept: " + ACCEPT + "\r\n"
                + "Host: localhost\r\n"
                + "User-Agent: OWASP CRS test agent\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Connection: close\r\n"
                + "Content-Length: 8\r\n"
                + "\r\n%3Chello");
        assertThat(HttpRequestParser.parse(RequestRenderer.render(stage.input())).body()).isEqualTo("%3Chello");
    }

    @Test
    void anEmptyVersionLeavesTheRequestLineEndingInASpace() throws IOException {
        Stage stage = v4Stage("REQUEST-920-PROTOCOL-ENFORCEMENT/920430.yaml", 5);

        assertThat(rendered(stage)).startsWith("GET / \r\nAccept: ").endsWith("Connection: close\r\n\r\n");
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.method()).isEqualTo("GET");
        assertThat(parsed.target()).isEqualTo("/");
        assertThat(parsed.version()).isEmpty();
        assertThat(parsed.irregularities()).containsExactly("request line with an empty version");
        assertThat(stage.output().expectError()).isTrue();
    }

    @Test
    void anOddVersionIsSentAsWritten() throws IOException {
        Stage stage = v4Stage("REQUEST-920-PROTOCOL-ENFORCEMENT/920430.yaml", 8);

        assertThat(rendered(stage)).startsWith("GET / HTTP/4.0\r\nAccept: ");
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.version()).isEqualTo("HTTP/4.0");
        assertThat(parsed.headerValues("keep-alive")).containsExactly("300");
        assertThat(parsed.headers()).extracting(Header::name).containsExactly("Accept", "Accept-Encoding",
                "Accept-Language", "Host", "Keep-Alive", "Proxy-Connection", "User-Agent", "Connection");
    }

    @Test
    void ftwJoinsDataLinesWithCrlfAndKeepsTheHeaderOrder() throws IOException {
        Stage stage = v3Stage("REQUEST-920-PROTOCOL-ENFORCEMENT/920181.yaml", "920181-1");

        assertThat(rendered(stage)).isEqualTo("POST / HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Accept: */*\r\n"
                + "Content-Length: 7\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "User-Agent: ModSecurity CRS 3 Tests\r\n"
                + "\r\n7\r\nfoo=bar\r\n0\r\n\r\n");
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.body()).isEqualTo("foo=bar");
        assertThat(parsed.trailing()).isEmpty();
        assertThat(parsed.irregularities()).containsExactly("both Transfer-Encoding and Content-Length");
    }

    @Test
    void ftwAddsItsContentTypeAndLengthAfterTheTestsHeaders() throws IOException {
        Stage stage = v3Stage("REQUEST-942-APPLICATION-ATTACK-SQLI/942100.yaml", "942100-1");

        String rendered = rendered(stage);
        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(rendered).doesNotContain("Connection: close");
        assertThat(parsed.headers()).last()
                .isEqualTo(new Header("Content-Length", Integer.toString(parsed.body().length())));
        assertThat(parsed.headerValues("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(parsed.body()).isNotEmpty();
        assertThat(parsed.irregularities()).isEmpty();
    }

    @Test
    void ftwSendsItsRawRequestUtf8EncodedTwice() throws IOException {
        Stage stage = v3Stage("REQUEST-944-APPLICATION-ATTACK-JAVA/944200.yaml", "944200-0FP");

        ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
        assertThat(parsed.version()).isEqualTo("HTTP/1.0");
        assertThat(parsed.body()).isEqualTo("test=\u00c3\u0082\u00c2\u00ac");
        assertThat(stage.output().unexpectedIds()).containsExactly(944200);
    }

    /**
     * Every composed stage of both suites reads back into the parts it was made of, unless it is
     * malformed on purpose where the parser has to guess (a space in the method or version, a
     * body its headers do not delimit); raw requests parse without failing.
     */
    @Test
    void everyStageReadsBackAsItWasMade() throws IOException {
        List<SuiteFile> suites = new java.util.ArrayList<>(RegressionSuites.loadAll(
                CrsReleases.regressionDirectory(CrsReleases.V4).resolve("tests"), SuiteFormat.GO_FTW));
        suites.addAll(RegressionSuites.loadAll(CrsReleases.regressionDirectory(CrsReleases.V3).resolve("tests"),
                SuiteFormat.FTW));
        int checked = 0;
        for (SuiteFile suite : suites) {
            for (RegressionTest test : suite.tests()) {
                for (Stage stage : test.stages()) {
                    ParsedRequest parsed = HttpRequestParser.parse(RequestRenderer.render(stage.input()));
                    if (stage.input() instanceof StageInput.Composed composed && readsBack(composed, parsed)) {
                        assertThat(parsed.method()).as(test.title()).isEqualTo(composed.method());
                        assertThat(parsed.target()).as(test.title()).isEqualTo(composed.uri());
                        assertThat(parsed.version()).as(test.title()).isEqualTo(composed.version());
                        assertThat(parsed.headers()).as(test.title()).isEqualTo(composed.headers());
                        assertThat(parsed.body() + parsed.trailing()).as(test.title()).isEqualTo(composed.body());
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(7000);
    }

    private static boolean readsBack(StageInput.Composed request, ParsedRequest parsed) {
        boolean oneWordEnds = request.method().indexOf(' ') < 0 && request.version().indexOf(' ') < 0
                && !request.method().isEmpty();
        boolean plainHeaders = request.headers().stream().allMatch(header -> header.name().indexOf(':') < 0
                && header.value().equals(header.value().strip()) && header.value().indexOf('\n') < 0);
        return oneWordEnds && plainHeaders && parsed.headerValues("Transfer-Encoding").isEmpty();
    }
}
