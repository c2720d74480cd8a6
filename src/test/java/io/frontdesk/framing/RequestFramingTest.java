package io.frontdesk.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * Request smuggling vectors on one keep-alive connection: each hand-framed request is followed,
 * in the same write, by an ordinary one. Either the gateway refuses the first (and closes the
 * connection, so nothing after it is read as a request), or it answers both, in order, and the
 * backend receives exactly the two requests the gateway read. Every vector runs through a plain
 * route and a caching one.
 */
class RequestFramingTest {

    /** A body whose framing breaks after its head was accepted: a 400 if nothing was answered yet, else a close. */
    private static final int BODY_ABORTED = 0;
    private static final String NEXT = "GET %s/next HTTP/1.1\r\nHost: site.test\r\nX-Request-Id: next\r\n\r\n";

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    private static final Path ACCESS_LOG = accessLog();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").id("cached").path("/cached/**").filter("Cache=site"))
            .route(Route.to("web").id("plain").path("/plain/**"))
            .set("frontdesk.cache.policies.site.default-ttl", "1m")
            .set("frontdesk.access-log.enabled", "true")
            .set("frontdesk.access-log.path", ACCESS_LOG.toString()));

    private static Path accessLog() {
        try {
            return Files.createTempDirectory("framing").resolve("access.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("two Host fields", 400, "GET %s/a HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n"),
                refused("a list in Host", 400, "GET %s/a HTTP/1.1\r\nHost: a.test, b.test\r\n\r\n"),
                refused("no Host in HTTP/1.1", 400, "GET %s/a HTTP/1.1\r\n\r\n"),
                refused("chunked then another Transfer-Encoding line", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n"
                                + "0\r\n\r\n"),
                refused("chunked not the final coding", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"),
                refused("chunked twice", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n"),
                refused("an unknown coding with Content-Length", 501,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc"),
                refused("a coding before chunked", 501,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                refused("Content-Length and Transfer-Encoding", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n"),
                refused("Transfer-Encoding and Content-Length", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                                + "0\r\n\r\n"),
                refused("two equal Content-Length fields", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
                refused("a list in Content-Length", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc"),
                refused("two different Content-Length fields", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
                refused("space before the colon", 400,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
                refused("a chunk size that overflows", BODY_ABORTED,
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\n"
                                + "abc\r\n0\r\n\r\n"),
                refused("bare LF line ends", 400, "GET %s/a HTTP/1.1\nHost: h\n\n"),
                refused("NUL in a field value", 400, "GET %s/a HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n"),
                refused("CR in a field value", 400, "GET %s/a HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n"),
                refused("HTTP/1.0 with chunked", 400,
                        "POST %s/a HTTP/1.0\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                refused("HTTP/0.9 with a version", 400, "GET %s/a HTTP/0.9\r\nHost: h\r\n\r\n"),
                refused("HTTP/2.0 in a request line", 505, "GET %s/a HTTP/2.0\r\nHost: h\r\n\r\n"),
                refused("HTTP/3.0 in a request line", 505, "GET %s/a HTTP/3.0\r\nHost: h\r\n\r\n"),
                refused("a target that is no path", 400, "GET \\%s/a HTTP/1.1\r\nHost: h\r\n\r\n"),
                refused("a fragment in the target", 400, "GET %s/a#b HTTP/1.1\r\nHost: h\r\n\r\n"),
                refused("a percent-escape in Host", 400, "GET %s/a HTTP/1.1\r\nHost: h%%1F\r\n\r\n"),
                refused("a control byte in Host", 400, "GET %s/a HTTP/1.1\r\nHost: h\u001f\r\n\r\n"),
                refused("two Content-Type fields", 400, "POST %s/a HTTP/1.1\r\nHost: h\r\n"
                        + "Content-Type: application/json\r\nContent-Type: application/xml\r\nContent-Length: 2\r\n\r\n{}"));
    }

    private static Arguments refused(String vector, int status, String request) {
        return Arguments.of(vector, status, request);
    }

    @ParameterizedTest(name = "{0} on {3}")
    @MethodSource("refusedOnEveryRoute")
    void aHeadThatCouldBeReadTwoWaysIsRefusedAndTheConnectionClosed(String vector, int status, String request,
            String route) {
        try (RawHttp.Connection connection = RawHttp.connect(gateway.port())) {
            connection.sendBytes(request.formatted(route) + NEXT.formatted(route));
            RawHttp.Response response = connection.read();
            if (response != null || status != BODY_ABORTED) {
                assertThat(response).as("an answer").isNotNull();
                assertThat(response.status()).isEqualTo(status == BODY_ABORTED ? 400 : status);
                assertThat(connection.closedByServer()).as("closed after the refusal").isTrue();
                assertRefusalIsAProblemInTheAccessLog(response);
            }
        }
        // A request after it, on a connection of its own, has reached the backend: one that the
        // gateway had forwarded before would be there too.
        assertThat(gateway.get(route + "/marker").statusCode()).isEqualTo(200);
        assertThat(backend.received()).as("no complete request but the marker reached the backend")
                .extracting(TestBackend.Received::uri).containsExactly(route + "/marker");
    }

    private static void assertRefusalIsAProblemInTheAccessLog(RawHttp.Response response) {
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).as("the refusal's request id").isNotBlank();
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"requestId\":\"" + requestId + "\"");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readAllLines(ACCESS_LOG))
                .anySatisfy(line -> assertThat(line).contains("\"request_id\":\"" + requestId + "\"")
                        .contains("\"status\":" + response.status())));
    }

    static Stream<Arguments> refusedOnEveryRoute() {
        return refused().flatMap(vector -> Stream.of("/plain", "/cached").map(route -> Arguments.of(
                vector.get()[0], vector.get()[1], vector.get()[2], route)));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                accepted("chunked, with tab, upper case and trailing space", "POST",
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\nTransfer-Encoding:\tChunked \r\n\r\n"
                                + "3\r\nabc\r\n0\r\n\r\n", "abc"),
                accepted("chunk extensions", "POST",
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "3;name=value\r\nabc\r\n0\r\n\r\n", "abc"),
                accepted("Content-Length", "POST",
                        "POST %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\nContent-Length: 3\r\n\r\nabc", "abc"),
                accepted("obs-fold, replaced by a space", "GET",
                        "GET %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\nX-Folded: a\r\n b\r\n\r\n", ""),
                accepted("pipelined GETs", "GET", "GET %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\n\r\n", ""),
                accepted("blank bytes and an empty line before the request line, skipped", "GET",
                        "\r\n \t GET %s/a HTTP/1.1\r\nHost: h\r\nX-Request-Id: first\r\n\r\n", ""));
    }

    private static Arguments accepted(String vector, String method, String request, String body) {
        return Arguments.of(vector, method, request, body);
    }

    static Stream<Arguments> acceptedOnEveryRoute() {
        return accepted().flatMap(vector -> Stream.of("/plain", "/cached").map(route -> Arguments.of(
                vector.get()[0], vector.get()[1], vector.get()[2], vector.get()[3], route)));
    }

    @ParameterizedTest(name = "{0} on {4}")
    @MethodSource("acceptedOnEveryRoute")
    void anUnambiguousHeadIsAnsweredInOrderAndTheBackendGetsExactlyWhatWasRead(String vector, String method,
            String request, String body, String route) {
        try (RawHttp.Connection connection = RawHttp.connect(gateway.port())) {
            connection.sendBytes(request.formatted(route) + NEXT.formatted(route));
            RawHttp.Response first = connection.read();
            RawHttp.Response next = connection.read();
            assertThat(List.of(first.status(), next.status())).containsExactly(200, 200);
            assertThat(List.of(first.header("X-Request-Id"), next.header("X-Request-Id")))
                    .containsExactly("first", "next");
        }
        assertThat(backend.received()).extracting(TestBackend.Received::method, TestBackend.Received::uri,
                TestBackend.Received::body).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(method, route + "/a", body),
                        org.assertj.core.groups.Tuple.tuple("GET", route + "/next", ""));
        if (vector.startsWith("obs-fold")) {
            assertThat(backend.received().get(0).header("X-Folded")).isEqualTo("a b");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("routes")
    void anAbsoluteFormTargetsAuthorityWinsOverHost(String route) {
        try (RawHttp.Connection connection = RawHttp.connect(gateway.port())) {
            connection.send("GET http://named.test" + route + "/a HTTP/1.1\r\nHost: other.test");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(backend.received()).singleElement()
                .satisfies(received -> assertThat(received.header("X-Forwarded-Host")).isEqualTo("named.test"));
    }

    static Stream<String> routes() {
        return Stream.of("/plain", "/cached");
    }
}
