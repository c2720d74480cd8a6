package io.frontdesk.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.ClientConnection.Response;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawOrigin;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.tls.SelfSignedCertificate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Responses from backends that break HTTP/1.1 framing, one test per shape, each through a plain
 * route and a caching one (docs/framing.md, "Responses from backends"). Every test sends a first
 * request whose response is broken, then more on the same keep-alive client connection where it
 * survives, and checks what the client got and what the backend got, in order: a response given
 * to the wrong request, or stored under the wrong URL, fails the test. The gateway has one
 * connection to the backend, so a request can be made to wait for it while the broken response
 * arrives: the moment the backend's excess bytes would answer it.
 */
class UpstreamFramingTest {

    private static final String FIRST_OK = "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 5\r\n\r\n"
            + "first";
    /** A whole response, as a backend that lets a client split its response would append one. */
    private static final String FAKE_RESPONSE = "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\n"
            + "Content-Length: 5\r\n\r\nEVIL!";

    /** One connection to the backend, so that a request can be made to wait for the one in use. */
    private static final String CLIENT_POOL = "spring.cloud.gateway.server.webflux.httpclient.pool.";

    @AutoClose
    private static final RawOrigin origin = RawOrigin.start();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("plain", origin.url())
            .set("frontdesk.pools.plain.retry.max-attempts", "1")
            .set("frontdesk.pools.plain.outlier-detection.enabled", "false")
            .route(Route.to("plain").path("/plain/**"))
            .pool("cached", origin.url())
            .set("frontdesk.pools.cached.retry.max-attempts", "1")
            .set("frontdesk.pools.cached.outlier-detection.enabled", "false")
            .route(Route.to("cached").path("/cached/**").filter("Cache=site"))
            .set("frontdesk.cache.policies.site.default-ttl", "10m")
            .set(CLIENT_POOL + "type", "FIXED")
            .set(CLIENT_POOL + "max-connections", "1"));

    private static final SelfSignedCertificate BACKEND_CERTIFICATE = SelfSignedCertificate.issue("backend.internal",
            List.of("backend.internal"), List.of(new byte[] {127, 0, 0, 1}), Duration.ofDays(1));
    @AutoClose
    private static final RawOrigin secureOrigin = RawOrigin.startTls(BACKEND_CERTIFICATE.certificatePem(),
            BACKEND_CERTIFICATE.privateKeyPem());
    /** A pool with TLS settings of its own goes through a client of its own, built from the shared one. */
    @AutoClose
    private static final RunningGateway tlsGateway = RunningGateway.start(GatewaySettings.empty()
            .pool("secure", secureOrigin.url()).route(Route.to("secure"))
            .set("spring.ssl.bundle.pem.backends.truststore.certificate", "file:" + pemFile(BACKEND_CERTIFICATE))
            .set("frontdesk.pools.secure.tls.bundle", "backends"));

    private static Path pemFile(SelfSignedCertificate certificate) {
        try {
            Path file = Files.createTempFile("backend-ca", ".crt");
            file.toFile().deleteOnExit();
            return Files.writeString(file, certificate.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two routes every shape is sent through. */
    enum Via {
        PLAIN, CACHED;

        String pool() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private String first;
    private String second;
    private String third;

    private void paths(Via via, TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        first = "/" + via.pool() + "/" + name + "/first";
        second = "/" + via.pool() + "/" + name + "/second";
        third = "/" + via.pool() + "/" + name + "/third";
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWholeResponseAfterTheDeclaredLengthAnswersNoOtherRequest(Via via, TestInfo test) throws Exception {
        paths(via, test);

        excessIsDropped(via, FIRST_OK + FAKE_RESPONSE);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void bytesWithoutALineEndAfterTheDeclaredLengthPrefixNoOtherResponse(Via via, TestInfo test) throws Exception {
        paths(via, test);

        excessIsDropped(via, FIRST_OK + "EVIL!");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aLineThatIsNoStatusLineAfterTheDeclaredLengthFailsNoOtherRequest(Via via, TestInfo test) throws Exception {
        paths(via, test);

        excessIsDropped(via, FIRST_OK + "EA0-4621-EVIL\r\n");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWholeResponseAfterTheLastChunkAnswersNoOtherRequest(Via via, TestInfo test) throws Exception {
        paths(via, test);

        excessIsDropped(via, "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nfirst\r\n0\r\n\r\n" + FAKE_RESPONSE);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void bytesThatArriveWhileTheConnectionIsIdleCloseIt(Via via, TestInfo test) throws Exception {
        paths(via, test);

        idleExcessClosesTheConnection(gateway, origin, via.pool());
    }

    @Test
    void theConnectionsOfAPoolWithTlsOfItsOwnAreGuardedToo(TestInfo test) throws Exception {
        first = "/" + test.getTestMethod().orElseThrow().getName() + "/first";
        second = "/" + test.getTestMethod().orElseThrow().getName() + "/second";

        idleExcessClosesTheConnection(tlsGateway, secureOrigin, "secure");
    }

    /** Bytes after the first response, once the client has it, close the backend connection. */
    private void idleExcessClosesTheConnection(RunningGateway gateway, RawOrigin origin, String pool)
            throws Exception {
        RawOrigin.Gate responseRead = new RawOrigin.Gate();
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        origin.reply(first, (out, in) -> {
            RawOrigin.write(out, FIRST_OK);
            responseRead.await();
            RawOrigin.write(out, "EVIL!");
            closed.complete(RawOrigin.closedByPeer(in));
            return false;
        });
        double before = protocolErrors(gateway, origin, pool, "excess-bytes");

        try (ClientConnection client = new ClientConnection(gateway.port())) {
            assertWhole(client.get(first), "first");
            responseRead.open();
            assertThat(closed.get(20, TimeUnit.SECONDS)).as("the gateway closes the connection").isTrue();
            assertThat(client.get(second).body()).isEqualTo(second);
        }
        assertThat(origin.received()).filteredOn(line -> line.contains(test(first)))
                .containsExactly("GET " + first, "GET " + second);
        assertThat(protocolErrors(gateway, origin, pool, "excess-bytes")).isEqualTo(before + 1);
    }

    /** A body of more than 16 KiB streams to the client as it arrives, so its head has gone out. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void aStreamedBodyShorterThanItsContentLengthIsAbortedAndNeverStored(Via via, TestInfo test) throws Exception {
        paths(via, test);
        origin.answerThenClose(first, "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 100000\r\n\r\n"
                + "only ten..");

        truncatedIsAborted(via, "only ten..");
    }

    /** A body of up to 16 KiB is read whole before its head goes out: the client can be told. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void aSmallBodyShorterThanItsContentLengthIsABadGatewayAndNeverStored(Via via, TestInfo test) throws Exception {
        paths(via, test);
        origin.answerThenClose(first, "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 100\r\n\r\n"
                + "only ten..");
        double before = protocolErrors(via, "truncated");

        try (ClientConnection client = new ClientConnection(gateway.port())) {
            assertThat(client.get(first).status()).isEqualTo(502);
            assertThat(client.get(second).body()).isEqualTo(second);
            assertThat(client.get(first).status()).isEqualTo(502);
        }
        assertThat(origin.received()).filteredOn(line -> line.contains(test(first)))
                .as("the cut-off response was not stored: asked for again")
                .containsExactly("GET " + first, "GET " + second, "GET " + first);
        assertThat(protocolErrors(via, "truncated")).isEqualTo(before + 2);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aChunkedBodyCutOffBeforeItsLastChunkIsAbortedAndNeverStored(Via via, TestInfo test) throws Exception {
        paths(via, test);
        origin.answerThenClose(first, "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\n"
                + "Transfer-Encoding: chunked\r\n\r\na\r\nonly ten..\r\n");

        truncatedIsAborted(via, "only ten..");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRepeatedContentLengthIsABadGateway(Via via, TestInfo test) throws Exception {
        paths(via, test);

        badGatewayAndClosed(via, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nfirst",
                "malformed-head");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void conflictingContentLengthsAreABadGateway(Via via, TestInfo test) throws Exception {
        paths(via, test);

        badGatewayAndClosed(via, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nfirst",
                "malformed-head");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anInvalidStatusLineIsABadGateway(Via via, TestInfo test) throws Exception {
        paths(via, test);

        badGatewayAndClosed(via, "HTTP/1.1 2OO OK\r\nContent-Length: 5\r\n\r\nfirst", "malformed-head");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anInvalidChunkSizeIsABadGateway(Via via, TestInfo test) throws Exception {
        paths(via, test);

        badGatewayAndClosed(via, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nfirst\r\n0\r\n\r\n",
                "malformed-chunk");
    }

    /**
     * The first response reaches its client whole while another client's request waits for the
     * backend connection (the pool has one): the waiting request and the first client's next one
     * get their own answers, the backend sees the requests in order, and a caching route stored
     * each answer under its own URL.
     */
    private void excessIsDropped(Via via, String firstResponse) throws IOException {
        RawOrigin.Gate secondWaits = new RawOrigin.Gate();
        origin.reply(first, (out, in) -> {
            secondWaits.await();
            RawOrigin.write(out, firstResponse);
            return true;
        });
        double before = protocolErrors(via, "excess-bytes");
        try (ClientConnection client = new ClientConnection(gateway.port());
                ClientConnection other = new ClientConnection(gateway.port())) {
            client.send(first);
            await().atMost(Duration.ofSeconds(10)).until(() -> origin.received().contains("GET " + first));
            other.send(second);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAConnection() == 1);
            secondWaits.open();
            assertWhole(client.read(), "first");
            assertThat(other.read().body()).isEqualTo(second);
            assertThat(client.get(third).body()).isEqualTo(third);
            if (via == Via.CACHED) {
                assertThat(client.get(second).body()).as("stored under its own URL").isEqualTo(second);
                assertThat(client.get(first).body()).isEqualTo("first");
            }
        }
        assertThat(origin.received()).filteredOn(line -> line.contains(test(first)))
                .containsExactly("GET " + first, "GET " + second, "GET " + third);
        assertThat(protocolErrors(via, "excess-bytes")).isEqualTo(before + 1);
    }

    /** The client's response ends without its last byte and the connection with it; nothing is stored. */
    private void truncatedIsAborted(Via via, String sent) throws IOException {
        double before = protocolErrors(via, "truncated");
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            Response response = client.get(first);
            assertThat(response.complete()).as("the client can tell the response is not whole").isFalse();
            assertThat(sent).startsWith(response.body());
            assertThat(client.closedByGateway()).isTrue();
        }
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            assertThat(client.get(second).body()).isEqualTo(second);
            assertThat(client.get(first).complete()).isFalse();
        }
        assertThat(origin.received()).filteredOn(line -> line.contains(test(first)))
                .as("the cut-off response was not stored: asked for again")
                .containsExactly("GET " + first, "GET " + second, "GET " + first);
        assertThat(protocolErrors(via, "truncated")).isEqualTo(before + 2);
    }

    /** 502 before anything was sent; the backend's connection is closed; the next request is answered. */
    private void badGatewayAndClosed(Via via, String response, String reason) throws Exception {
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        origin.reply(first, (out, in) -> {
            RawOrigin.write(out, response);
            closed.complete(RawOrigin.closedByPeer(in));
            return false;
        });
        double before = protocolErrors(via, reason);
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            Response answer = client.get(first);
            assertThat(answer.status()).isEqualTo(502);
            assertThat(answer.complete()).isTrue();
            assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(closed.get(20, TimeUnit.SECONDS)).as("the gateway closes the connection").isTrue();
            // A problem response may end with its connection; the next request then takes a new one.
            try (ClientConnection next = client.ended() ? new ClientConnection(gateway.port()) : null) {
                assertThat((next == null ? client : next).get(second).body()).isEqualTo(second);
            }
        }
        assertThat(origin.received()).filteredOn(line -> line.contains(test(first)))
                .containsExactly("GET " + first, "GET " + second);
        assertThat(protocolErrors(via, reason)).isEqualTo(before + 1);
    }

    private static void assertWhole(Response response, String body) {
        assertThat(response).extracting(Response::status, Response::body, Response::complete)
                .containsExactly(200, body, true);
    }

    /** The path segment that names the test and route, which both its paths share. */
    private static String test(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    /** Requests waiting in the gateway's pool for a connection to a backend. */
    /**
     * Requests the gateway is handling beyond the one holding the only backend connection: those
     * wait for it. Read from the gateway's own registry, which no other gateway in the JVM shares.
     */
    private static double waitingForAConnection() {
        return gateway.context().getBean(MeterRegistry.class).get("frontdesk.requests.in.flight").gauge().value() - 1;
    }

    private static double protocolErrors(Via via, String reason) {
        return protocolErrors(gateway, origin, via.pool(), reason);
    }

    private static double protocolErrors(RunningGateway gateway, RawOrigin origin, String pool, String reason) {
        Counter counter = gateway.context().getBean(MeterRegistry.class).find("frontdesk.backend.protocol.errors")
                .tags("pool", pool, "backend", origin.id(), "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
