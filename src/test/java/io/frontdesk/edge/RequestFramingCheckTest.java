package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.edge.RequestFraming.Violation;

/** RFC 9112's reading of Host and Transfer-Encoding field lines, without a server. */
class RequestFramingCheckTest {

    @Test
    void oneHostAndChunkedLastAreUnambiguous() {
        assertThat(RequestFraming.check(true, List.of("a.test"), List.of())).isNull();
        assertThat(RequestFraming.check(true, List.of("a.test:8443"), List.of(" Chunked\t"))).isNull();
        assertThat(RequestFraming.check(false, List.of(), List.of())).as("HTTP/1.0 may leave Host out").isNull();
    }

    @Test
    void hostMustBeOneFieldWithOneHost() {
        assertThat(RequestFraming.check(true, List.of(), List.of())).isEqualTo(Violation.MISSING_HOST);
        assertThat(RequestFraming.check(true, List.of("a.test", "b.test"), List.of()))
                .isEqualTo(Violation.DUPLICATE_HOST);
        assertThat(RequestFraming.check(true, List.of("a.test, b.test"), List.of())).isEqualTo(Violation.HOST_LIST);
    }

    @Test
    void chunkedMustBeTheFinalCodingOnce() {
        assertThat(RequestFraming.check(true, List.of("h"), List.of("chunked", "x")))
                .isEqualTo(Violation.CHUNKED_NOT_FINAL);
        assertThat(RequestFraming.check(true, List.of("h"), List.of("chunked, identity")))
                .isEqualTo(Violation.CHUNKED_NOT_FINAL);
        assertThat(RequestFraming.check(true, List.of("h"), List.of("chunked", "chunked")))
                .isEqualTo(Violation.CHUNKED_REPEATED);
        assertThat(RequestFraming.check(true, List.of("h"), List.of("chunked,, chunked")))
                .isEqualTo(Violation.CHUNKED_REPEATED);
    }

    @Test
    void codingsOtherThanChunkedAreNotImplemented() {
        assertThat(RequestFraming.check(true, List.of("h"), List.of("xchunked"))).isEqualTo(Violation.UNSUPPORTED_CODING);
        assertThat(RequestFraming.check(true, List.of("h"), List.of("identity"))).isEqualTo(Violation.UNSUPPORTED_CODING);
        assertThat(RequestFraming.check(true, List.of("h"), List.of("gzip, chunked")))
                .isEqualTo(Violation.UNSUPPORTED_CODING);
    }

    @Test
    void anAbsoluteFormTargetNamesItsAuthority() {
        assertThat(RequestFramingFilter.absoluteFormAuthority("http://a.test/x?y")).isEqualTo("a.test");
        assertThat(RequestFramingFilter.absoluteFormAuthority("HTTPS://user@a.test:8443")).isEqualTo("a.test:8443");
        assertThat(RequestFramingFilter.absoluteFormAuthority("/x/http://a.test")).isNull();
        assertThat(RequestFramingFilter.absoluteFormAuthority("ftp://a.test/")).isNull();
        assertThat(RequestFramingFilter.absoluteFormAuthority("*")).isNull();
    }
}
