package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parser reads what CRS sends on purpose and lists what is irregular, rejecting nothing. */
class HttpRequestParserTest {

    @Test
    void aPlainRequestHasNoIrregularities() {
        ParsedRequest parsed = HttpRequestParser.parse(
                "POST /a?b=c HTTP/1.1\r\nHost:  x \r\nContent-Length: 3\r\n\r\nabc");

        assertThat(parsed.method()).isEqualTo("POST");
        assertThat(parsed.target()).isEqualTo("/a?b=c");
        assertThat(parsed.version()).isEqualTo("HTTP/1.1");
        assertThat(parsed.headers()).containsExactly(new Header("Host", "x"), new Header("Content-Length", "3"));
        assertThat(parsed.body()).isEqualTo("abc");
        assertThat(parsed.trailing()).isEmpty();
        assertThat(parsed.irregularities()).isEmpty();
    }

    @Test
    void bareLineFeedsEndLinesToo() {
        ParsedRequest parsed = HttpRequestParser.parse("POST / HTTP/1.1\nHost: x\nContent-Length: 2\n\nab");

        assertThat(parsed.headerValues("host")).containsExactly("x");
        assertThat(parsed.body()).isEqualTo("ab");
        assertThat(parsed.irregularities()).containsExactly("lines end in a bare LF");
    }

    @Test
    void aCarriageReturnInsideALineStaysInTheValue() {
        ParsedRequest parsed = HttpRequestParser.parse("GET / HTTP/1.1\r\nA: b\rInjected: c\r\n\r\n");

        assertThat(parsed.headers()).containsExactly(new Header("A", "b\rInjected: c"));
    }

    @Test
    void oddRequestLinesAreSplitAtTheirFirstAndLastSpace() {
        assertThat(HttpRequestParser.parse("     GET /get HTTP/1.1\r\n\r\n")).satisfies(parsed -> {
            assertThat(parsed.method()).isEmpty();
            assertThat(parsed.target()).isEqualTo("    GET /get");
            assertThat(parsed.version()).isEqualTo("HTTP/1.1");
            assertThat(parsed.irregularities()).containsExactly("request line starting with a space",
                    "spaces inside the request target");
        });
        assertThat(HttpRequestParser.parse("GET /\r\n\r\n")).satisfies(parsed -> {
            assertThat(parsed.target()).isEqualTo("/");
            assertThat(parsed.version()).isEmpty();
            assertThat(parsed.irregularities()).containsExactly("request line without a version");
        });
        assertThat(HttpRequestParser.parse("\tGET / JUNK/1.0\r\n\r\n").method()).isEqualTo("\tGET");
        assertThat(HttpRequestParser.parse("GET\r\n\r\n").irregularities())
                .containsExactly("request line without a space: 'GET'");
    }

    @Test
    void brokenHeaderLinesAreReportedNotFatal() {
        ParsedRequest parsed = HttpRequestParser.parse(
                "GET / HTTP/1.1\r\nno colon here\r\nBad Name: 1\r\nFolded: a\r\n  b\r\nHost:\r\n\r\n");

        assertThat(parsed.headers()).containsExactly(new Header("Bad Name", "1"), new Header("Folded", "a b"),
                new Header("Host", ""));
        assertThat(parsed.irregularities()).containsExactly("header line without a colon: 'no colon here'",
                "header name that is not a token: 'Bad Name'", "header Folded folded over lines");
    }

    @Test
    void aBodyIsCutAtItsContentLengthAndTheRestReported() {
        ParsedRequest longer = HttpRequestParser.parse("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nabcd");
        ParsedRequest shorter = HttpRequestParser.parse("POST / HTTP/1.0\r\nContent-Length: 9\r\n\r\nab");
        ParsedRequest undeclared = HttpRequestParser.parse("GET / HTTP/1.1\r\n\r\nab");
        ParsedRequest invalid = HttpRequestParser.parse("POST / HTTP/1.1\r\nContent-Length: 3;\r\n\r\nabc");

        assertThat(longer.body()).isEqualTo("ab");
        assertThat(longer.trailing()).isEqualTo("cd");
        assertThat(longer.irregularities()).containsExactly("2 bytes after the body");
        assertThat(shorter.body()).isEqualTo("ab");
        assertThat(shorter.irregularities()).containsExactly("body of 2 bytes, shorter than its Content-Length 9");
        assertThat(undeclared.body()).isEmpty();
        assertThat(undeclared.trailing()).isEqualTo("ab");
        assertThat(invalid.body()).isEmpty();
        assertThat(invalid.trailing()).isEqualTo("abc");
        assertThat(invalid.irregularities()).containsExactly("Content-Length that is not a number: '3;'");
    }

    @Test
    void chunkedBodiesAreDecoded() {
        ParsedRequest parsed = HttpRequestParser.parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nHi \r\n3\r\nCRS\r\n0\r\nTrailer: x\r\n\r\nrest");

        assertThat(parsed.body()).isEqualTo("Hi CRS");
        assertThat(parsed.trailing()).isEqualTo("rest");
        assertThat(parsed.irregularities()).containsExactly("trailer field 'Trailer: x'");
    }

    @Test
    void brokenChunksKeepWhatCouldBeRead() {
        ParsedRequest badSize = HttpRequestParser.parse(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\nzz\r\nmore");
        ParsedRequest cut = HttpRequestParser.parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nabc");

        assertThat(badSize.body()).isEqualTo("ab");
        assertThat(badSize.trailing()).isEqualTo("zz\r\nmore");
        assertThat(badSize.irregularities()).containsExactly("chunk size line that is not a hex number: 'zz'");
        assertThat(cut.body()).isEqualTo("abc");
        assertThat(cut.irregularities()).containsExactly("last chunk shorter than its size 9");
    }

    @Test
    void aRequestCutInItsHeadersIsStillRead() {
        ParsedRequest parsed = HttpRequestParser.parse("GET / HTTP/1.1\r\nHost: x");

        assertThat(parsed.headers()).containsExactly(new Header("Host", "x"));
        assertThat(parsed.irregularities()).containsExactly("headers not ended by an empty line");
    }

    @Test
    void bytesAboveAsciiPassThrough() {
        byte[] request = {'G', 'E', 'T', ' ', '/', (byte) 0xC3, (byte) 0xA9, ' ', 'H', '\r', '\n', 'X', ':', ' ',
                (byte) 0xFF, '\r', '\n', '\r', '\n'};
        ParsedRequest parsed = HttpRequestParser.parse(request);

        assertThat(parsed.target()).isEqualTo("/\u00c3\u00a9");
        assertThat(parsed.headerValues("X")).containsExactly("\u00ff");
    }
}
