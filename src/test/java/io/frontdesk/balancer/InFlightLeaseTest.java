package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawOrigin;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * The in-flight slot a pick takes is given back exactly once, whichever way the request ends: a
 * whole response, a failed try retried on another backend, a client that leaves before the
 * response head or in the middle of the body, a cache refresh in the background; and a backend that leaves its pool while it serves a request
 * counts down to zero. While a response body is still on its way the slot is held; a count that
 * went below zero would show a slot given back twice.
 */
class InFlightLeaseTest {

    private static final Duration SOON = Duration.ofSeconds(10);
    /** Bytes of the held response sent before the origin waits, and after. */
    private static final int FIRST_PART = 1_000;
    private static final int REST = 19_000;

    private static final TestBackend good = TestBackend.start("good");
    private static final TestBackend bad = TestBackend.start("bad").mode(TestBackend.Mode.CLOSE_AFTER_READ);
    private static final RawOrigin origin = RawOrigin.start();
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("pair", bad, good)
            .set("frontdesk.pools.pair.algorithm", "round-robin")
            .set("frontdesk.pools.pair.outlier-detection.enabled", "false")
            .route(Route.to("pair").id("pair").path("/pair/**"))
            .pool("held", origin.url())
            .route(Route.to("held").id("held").path("/held/**"))
            .pool("cached", origin.url())
            .set("frontdesk.cache.policies.site.max-object-size", "1KB")
            .route(Route.to("cached").id("cached").path("/cached/**").filter("Cache=site")));

    private final RawOrigin.Gate gate = new RawOrigin.Gate();

    /** Lets a held origin go on, and brings it back into the pool a test took it out of. */
    @AfterEach
    void openGate() {
        gate.open();
        BackendPool held = pool("held");
        if (held.backends().stream().noneMatch(backend -> backend.id().equals(origin.id()))) {
            held.replaceMembers(List.of(URI.create(origin.url())), Instant.now());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        good.close();
        bad.close();
        origin.close();
    }

    @Test
    void aTryThatFailsIsGivenBackBeforeTheRetryAndTheRetryAtTheEnd() {
        BackendPool pool = pool("pair");
        int badBefore = bad.requests();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = gateway.get("/pair/" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("good");
        }
        assertThat(bad.requests() - badBefore).as("tries that failed and went to the other backend").isPositive();
        awaitIdle(pool);
        assertThat(pool.backends()).allSatisfy(backend -> assertThat(backend.inFlight()).isZero());
    }

    @Test
    void aClientLeavingMidResponseGivesTheSlotBackOnceEvenAfterItsBackendLeftThePool() throws IOException {
        BackendPool pool = pool("held");
        Backend held = pool.backends().get(0);
        origin.reply("/held/mid", holdingMidBody());
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            client.setSoTimeout((int) SOON.toMillis());
            send(client, "/held/mid");
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 200");
            assertThat(held.inFlight()).as("held while the body is on its way").isEqualTo(1);

            pool.replaceMembers(List.of(URI.create(good.url())), Instant.now());
            assertThat(gateway.get("/held/next").body()).as("a new request after the origin left").isEqualTo("good");
            assertThat(held.inFlight()).as("the leaver's request still in flight").isEqualTo(1);
        }
        await().atMost(SOON).until(() -> held.inFlight() == 0);
        gate.open();
        awaitIdle(pool);
        assertThat(held.inFlight()).as("after the origin's late bytes").isZero();
    }

    @Test
    void aClientLeavingBeforeTheResponseHeadGivesTheSlotBackOnce() throws IOException {
        BackendPool pool = pool("held");
        Backend held = pool.backends().get(0);
        RawOrigin.Gate current = gate;
        origin.reply("/held/silent", (out, in) -> {
            current.await();
            RawOrigin.write(out, RawOrigin.wellFormed("/held/silent"));
            return true;
        });
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            send(client, "/held/silent");
            await().atMost(SOON).until(() -> origin.received().contains("GET /held/silent"));
            assertThat(held.inFlight()).isEqualTo(1);
        }
        await().atMost(SOON).until(() -> held.inFlight() == 0);
        gate.open();
        awaitIdle(pool);
    }

    @Test
    void aLeaverFinishesItsRequestAndCountsDownToZero() {
        BackendPool pool = pool("held");
        Backend leaver = pool.backends().get(0);
        origin.reply("/held/leaving", holdingMidBody());
        CompletableFuture<HttpResponse<String>> request = CompletableFuture.supplyAsync(
                () -> gateway.get("/held/leaving"));
        await().atMost(SOON).until(() -> origin.received().contains("GET /held/leaving"));
        pool.replaceMembers(List.of(URI.create(good.url())), Instant.now());
        assertThat(gateway.get("/held/other").body()).isEqualTo("good");
        assertThat(leaver.inFlight()).isEqualTo(1);

        gate.open();
        HttpResponse<String> response = request.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(FIRST_PART + REST);
        await().atMost(SOON).until(() -> leaver.inFlight() == 0);
        awaitIdle(pool);
        assertThat(leaver.inFlight()).isZero();
    }

    @Test
    void aBackgroundRefreshHoldsItsSlotUntilItsBodyHasArrived() {
        BackendPool pool = pool("cached");
        Backend backend = pool.backends().get(0);
        AtomicInteger answers = new AtomicInteger();
        origin.reply("/cached/swr", (out, in) -> {
            if (answers.getAndIncrement() == 0) {
                RawOrigin.write(out, "HTTP/1.1 200 OK\r\nCache-Control: max-age=0, stale-while-revalidate=60\r\n"
                        + "Content-Length: 3\r\n\r\nold");
                return true;
            }
            RawOrigin.write(out, "HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\nContent-Length: 3\r\n\r\nn");
            gate.await();
            RawOrigin.write(out, "ew");
            return true;
        });
        assertThat(gateway.get("/cached/swr").body()).isEqualTo("old");
        awaitIdle(pool);

        assertThat(gateway.get("/cached/swr").body()).as("stale, while it is refreshed").isEqualTo("old");
        await().atMost(SOON).until(() -> answers.get() == 2);
        assertThat(backend.inFlight()).as("the refresh, its body not complete").isEqualTo(1);

        gate.open();
        await().atMost(SOON).until(() -> gateway.get("/cached/swr").body().equals("new"));
        awaitIdle(pool);
        assertThat(backend.inFlight()).isZero();
    }

    /** A 200 whose body stops after its first part until the test's gate opens. */
    private RawOrigin.Reply holdingMidBody() {
        RawOrigin.Gate current = gate;
        return (out, in) -> {
            RawOrigin.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + (FIRST_PART + REST) + "\r\n\r\n" + "x".repeat(FIRST_PART));
            current.await();
            RawOrigin.write(out, "y".repeat(REST));
            return true;
        };
    }

    private static BackendPool pool(String name) {
        return gateway.context().getBean(BackendPools.class).get(name);
    }

    /** Waits for the pool's count to reach zero, then checks it stays there rather than going below. */
    private static void awaitIdle(BackendPool pool) {
        await().atMost(SOON).until(() -> pool.inFlight() <= 0);
        assertThat(pool.inFlight()).as("requests in flight in " + pool.name()).isZero();
    }

    private static void send(Socket client, String path) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: frontdesk.test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int next;
        while (head.indexOf("\r\n\r\n") < 0 && (next = in.read()) >= 0) {
            head.append((char) next);
        }
        return head.toString();
    }
}
