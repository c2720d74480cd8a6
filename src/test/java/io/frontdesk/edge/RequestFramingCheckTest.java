package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.edge.RequestFraming.Head;
import io.frontdesk.edge.RequestFraming.Violation;

/** RFC 9112's reading of a request head's version, target, Host, Transfer-Encoding and Content-Type, without a server. */
class RequestFramingCheckTest {

    @Test
    void oneHostAndChunkedLastAreUnambiguous() {
        assertThat(check(List.of("a.test"), List.of())).isNull();
        assertThat(check(List.of("a.test:8443"), List.of(" Chunked\t"))).isNull();
        assertThat(RequestFraming.check(new Head(1, 0, "GET", "/", List.of(), List.of(), List.of())))
                .as("HTTP/1.0 may leave Host out").isNull();
    }

    @Test
    void hostMustBeOneFieldWithOneHost() {
        assertThat(check(List.of(), List.of())).isEqualTo(Violation.MISSING_HOST);
        assertThat(check(List.of("a.test", "b.test"), List.of())).isEqualTo(Violation.DUPLICATE_HOST);
        assertThat(check(List.of("a.test, b.test"), List.of())).isEqualTo(Violation.HOST_LIST);
    }

    @Test
    void hostIsANameOrIpLiteralWithAnOptionalPort() {
        for (String valid : List.of("a.test", "A-1.test:80", "127.0.0.1:8080", "[::1]", "[2001:db8::1]:443", "",
                "under_score.test", "a.test:")) {
            assertThat(check(List.of(valid), List.of())).as(valid).isNull();
        }
        for (String invalid : List.of("localhost%00", "localhost%1F", "local\u001fhost", "a.test:80x", "a.test:1234567",
                "[::1", "[]", "[::g]", "a/b", "a b", "a.test:80:81", "user@a.test")) {
            assertThat(check(List.of(invalid), List.of())).as(invalid).isEqualTo(Violation.HOST_SYNTAX);
        }
    }

    @Test
    void chunkedMustBeTheFinalCodingOnce() {
        assertThat(check(List.of("h"), List.of("chunked", "x"))).isEqualTo(Violation.CHUNKED_NOT_FINAL);
        assertThat(check(List.of("h"), List.of("chunked, identity"))).isEqualTo(Violation.CHUNKED_NOT_FINAL);
        assertThat(check(List.of("h"), List.of("chunked", "chunked"))).isEqualTo(Violation.CHUNKED_REPEATED);
        assertThat(check(List.of("h"), List.of("chunked,, chunked"))).isEqualTo(Violation.CHUNKED_REPEATED);
    }

    @Test
    void codingsOtherThanChunkedAreNotImplemented() {
        assertThat(check(List.of("h"), List.of("xchunked"))).isEqualTo(Violation.UNSUPPORTED_CODING);
        assertThat(check(List.of("h"), List.of("identity"))).isEqualTo(Violation.UNSUPPORTED_CODING);
        assertThat(check(List.of("h"), List.of("gzip, chunked"))).isEqualTo(Violation.UNSUPPORTED_CODING);
    }

    @Test
    void onlyHttp1VersionsFromOneZeroOnAreSpoken() {
        assertThat(RequestFraming.check(head(0, 9, "GET", "/"))).isEqualTo(Violation.OBSOLETE_VERSION);
        assertThat(RequestFraming.check(head(2, 0, "GET", "/"))).isEqualTo(Violation.UNSUPPORTED_VERSION);
        assertThat(RequestFraming.check(head(3, 0, "GET", "/"))).isEqualTo(Violation.UNSUPPORTED_VERSION);
        assertThat(RequestFraming.check(head(1, 2, "GET", "/"))).as("a later minor version is read as 1.1").isNull();
    }

    @Test
    void theTargetIsAPathAnAbsoluteUriOrAnAsteriskForOptions() {
        assertThat(RequestFraming.check(head(1, 1, "GET", "/a?b=c"))).isNull();
        assertThat(RequestFraming.check(head(1, 1, "GET", "http://h/a"))).isNull();
        assertThat(RequestFraming.check(head(1, 1, "OPTIONS", "*"))).isNull();
        assertThat(RequestFraming.check(head(1, 1, "GET", "?a=b"))).as("the query of /").isNull();
        assertThat(RequestFraming.check(head(1, 1, "CONNECT", "h:443"))).as("left to the 405 for CONNECT").isNull();
        assertThat(RequestFraming.check(head(1, 1, "GET", "\\"))).isEqualTo(Violation.TARGET_FORM);
        assertThat(RequestFraming.check(head(1, 1, "GET", "*"))).isEqualTo(Violation.TARGET_FORM);
        assertThat(RequestFraming.check(head(1, 1, "GET", "a/b"))).isEqualTo(Violation.TARGET_FORM);
        assertThat(RequestFraming.check(head(1, 1, "GET", "1http://h/"))).isEqualTo(Violation.TARGET_FORM);
        assertThat(RequestFraming.check(head(1, 1, "GET", "/#fragment"))).isEqualTo(Violation.TARGET_FRAGMENT);
        assertThat(RequestFraming.check(head(1, 1, "GET", "/a?b#c"))).isEqualTo(Violation.TARGET_FRAGMENT);
    }

    @Test
    void contentTypeIsOneField() {
        assertThat(RequestFraming.check(new Head(1, 1, "POST", "/", List.of("h"), List.of(),
                List.of("application/json", "application/xml")))).isEqualTo(Violation.DUPLICATE_CONTENT_TYPE);
        assertThat(RequestFraming.check(new Head(1, 1, "POST", "/", List.of("h"), List.of(),
                List.of("application/json")))).isNull();
    }

    @Test
    void anAbsoluteFormTargetNamesItsAuthority() {
        assertThat(RequestFramingFilter.absoluteFormAuthority("http://a.test/x?y")).isEqualTo("a.test");
        assertThat(RequestFramingFilter.absoluteFormAuthority("HTTPS://user@a.test:8443")).isEqualTo("a.test:8443");
        assertThat(RequestFramingFilter.absoluteFormAuthority("/x/http://a.test")).isNull();
        assertThat(RequestFramingFilter.absoluteFormAuthority("ftp://a.test/")).isNull();
        assertThat(RequestFramingFilter.absoluteFormAuthority("*")).isNull();
    }

    private static Violation check(List<String> hosts, List<String> transferEncodings) {
        return RequestFraming.check(new Head(1, 1, "GET", "/", hosts, transferEncodings, List.of()));
    }

    private static Head head(int major, int minor, String method, String target) {
        return new Head(major, minor, method, target, List.of("h"), List.of(), List.of());
    }
}
