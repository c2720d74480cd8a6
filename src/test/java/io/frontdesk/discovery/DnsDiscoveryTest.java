package io.frontdesk.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.balancer.Backend;
import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.DnsServer;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Load;
import io.frontdesk.support.LoopbackFarm;
import io.frontdesk.support.RunningGateway;

/**
 * A pool that follows the A records of a name, served by a real DNS server on loopback, with
 * real backends on 127.0.0.2, 127.0.0.3, ... sharing one port. The pool's refresh interval is a
 * minute unless a test says otherwise, so every change seen within seconds was seen because of
 * the records' 1 s TTL.
 */
class DnsDiscoveryTest {

    private static final String NAME = "web.frontdesk.test";
    private static final Duration SOON = Duration.ofSeconds(10);

    private final LoopbackFarm farm = new LoopbackFarm();
    private DnsServer dns;

    @AfterEach
    void stop() {
        farm.close();
        if (dns != null) {
            dns.close();
        }
    }

    private GatewaySettings dnsPool() {
        return GatewaySettings.empty()
                .set("frontdesk.discovery.dns.servers[0]", dns.address())
                .set("frontdesk.pools.web.discovery.type", "dns")
                .set("frontdesk.pools.web.discovery.name", NAME)
                .set("frontdesk.pools.web.discovery.port", String.valueOf(farm.port()))
                .set("frontdesk.pools.web.discovery.refresh", "60s")
                .set("frontdesk.pools.web.algorithm", "round-robin")
                .route(Route.to("web"));
    }

    /** A failed lookup is tried again after the refresh interval: here a second. */
    private GatewaySettings retryingEverySecond() {
        return dnsPool().set("frontdesk.pools.web.discovery.refresh", "1s");
    }

    @Test
    void membersFollowTheRecordsAndALeaverFinishesItsRequests() throws Exception {
        farm.start(2, 3, 4);
        dns = DnsServer.start().ttlSeconds(1).records(NAME, "127.0.0.2", "127.0.0.3");
        try (RunningGateway gateway = RunningGateway.start(dnsPool())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            assertThat(ids(pool)).as("members once the gateway has started")
                    .containsExactly(farm.id(2), farm.id(3));
            assertThat(LoopbackFarm.answeredBy(gateway, 20)).containsOnly("b2", "b3").contains("b2", "b3");

            Backend leaving = pool.backends().get(1);
            farm.backend(3).delay(Duration.ofSeconds(2));
            int beforeB3 = farm.backend(3).requests();
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> gateway.get("/")));
            }
            // Every request picked (answered or in flight), and each picked for b3 arrived there.
            await(() -> inFlight.stream().filter(CompletableFuture::isDone).count() + pool.inFlight() == 4
                    && leaving.inFlight() >= 1 && farm.backend(3).requests() - beforeB3 == leaving.inFlight(),
                    "requests in flight at b3");
            int atB3 = farm.backend(3).requests();
            dns.records(NAME, "127.0.0.2");
            await(() -> pool.backends().size() == 1, "b3 gone from the pool");
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2");
            assertThat(farm.backend(3).requests()).as("requests b3 got after it left").isEqualTo(atB3);
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                assertThat(request.get().statusCode()).isEqualTo(200);
            }
            // A slot is given back at the end of its exchange, which may come just after the client has its answer.
            await(() -> pool.inFlight() == 0, "every slot given back");
            await(() -> farm.backend(3).openConnections() == 0, "the gateway's connections to b3 closed");
            assertThat(farm.backend(2).openConnections()).as("connections kept to b2").isPositive();

            dns.records(NAME, "127.0.0.2", "127.0.0.4");
            await(() -> pool.backends().size() == 2, "b4 in the pool");
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).contains("b4");
            assertThat(gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_pool_members{pool=\"web\",source=\"dns\"} 2")
                    .containsPattern("frontdesk_discovery_refreshes_total\\{outcome=\"success\",pool=\"web\"} [1-9]")
                    .contains("frontdesk_backend_in_flight{backend=\"127.0.0.4:")
                    .doesNotContain("frontdesk_backend_in_flight{backend=\"127.0.0.3:");
        }
    }

    @Test
    void aNewcomerUnderActiveChecksTakesNoTrafficBeforeItsProbeSucceeds() {
        farm.start(2, 3);
        farm.backend(3).healthStatus(503);
        dns = DnsServer.start().ttlSeconds(1).records(NAME, "127.0.0.2");
        GatewaySettings settings = dnsPool().set("frontdesk.pools.web.health-check.enabled", "true")
                .set("frontdesk.pools.web.health-check.path", "/health")
                .set("frontdesk.pools.web.health-check.interval", "300ms");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            dns.records(NAME, "127.0.0.2", "127.0.0.3");
            await(() -> pool.backends().size() == 2, "b3 in the pool");
            Backend newcomer = pool.backends().get(1);
            await(() -> newcomer.probesFailed() >= 1, "b3 probed");
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2");

            farm.backend(3).healthStatus(200);
            await(newcomer::healthy, "b3 healthy");
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).contains("b3");
        }
    }

    @Test
    void aResolverOutageKeepsTheMembersAndFlagsThePoolStale() {
        farm.start(2, 3);
        dns = DnsServer.start().ttlSeconds(1).records(NAME, "127.0.0.2", "127.0.0.3");
        try (RunningGateway gateway = RunningGateway.start(retryingEverySecond())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            assertThat(gateway.getManagement("/actuator/backends/web").body())
                    .contains("\"source\":\"dns\"", "\"stale\":false", "\"lastRefresh\":\"");

            dns.stop();
            await(() -> pool.membershipStatus().stale(), "the pool flagged stale");
            assertThat(pool.backends()).hasSize(2);
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).contains("b2", "b3");
            assertThat(gateway.getManagement("/actuator/backends/web").body()).contains("\"stale\":true");
            assertThat(gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_pool_stale{pool=\"web\"} 1")
                    .containsPattern("frontdesk_discovery_refreshes_total\\{outcome=\"failure\",pool=\"web\"} [1-9]");

            dns.records(NAME, "127.0.0.3");
            dns.restart();
            await(() -> !pool.membershipStatus().stale() && pool.backends().size() == 1, "fresh members again");
        }
    }

    @Test
    void aPoolWhoseNameDoesNotResolveAtStartUpAnswers503UntilItDoes() {
        farm.start(2);
        dns = DnsServer.start().ttlSeconds(1);
        try (RunningGateway gateway = RunningGateway.start(retryingEverySecond())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            assertThat(pool.backends()).isEmpty();
            assertThat(pool.membershipStatus().stale()).isTrue();
            assertThat(gateway.get("/").statusCode()).isEqualTo(503);

            dns.records(NAME, "127.0.0.2");
            await(() -> pool.backends().size() == 1, "b2 in the pool");
            assertThat(LoopbackFarm.answeredBy(gateway, 3)).containsOnly("b2");
        }
    }

    /**
     * Under a bounded load of eight clients at once, a member leaves the records, drains, and
     * its server then stops, as a pod taken out of a Service does: no request fails.
     */
    @Test
    void aMemberRemovedUnderLoadCostsNoRequest() throws Exception {
        farm.start(2, 3, 4);
        farm.all().forEach(backend -> backend.delay(Duration.ofMillis(5)));
        dns = DnsServer.start().ttlSeconds(1).records(NAME, "127.0.0.2", "127.0.0.3", "127.0.0.4");
        try (RunningGateway gateway = RunningGateway.start(dnsPool())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            Backend leaving = pool.backends().get(1);
            Load load = new Load();
            AtomicBoolean enough = new AtomicBoolean();
            CompletableFuture<Load> running = CompletableFuture.supplyAsync(
                    () -> load.run(gateway.uri("/"), 8, 20_000, enough::get));
            await(() -> load.completed() >= 200, "load under way");

            dns.records(NAME, "127.0.0.2", "127.0.0.4");
            await(() -> !pool.backends().contains(leaving), "b3 gone from the pool");
            int atB3 = farm.backend(3).requests();
            await(() -> leaving.inFlight() == 0, "b3 drained");
            farm.backend(3).stop();
            int afterStop = load.completed();
            await(() -> load.completed() >= afterStop + 300, "300 more requests");
            enough.set(true);

            running.get(30, TimeUnit.SECONDS);
            assertThat(load.failures()).as("failed requests").isEmpty();
            assertThat(load.completed()).isGreaterThanOrEqualTo(500);
            assertThat(farm.backend(3).requests() - atB3).as("requests reaching b3 after it left the pool")
                    .isLessThanOrEqualTo(8);
            assertThat(load.answeredBy("b2") + load.answeredBy("b4")).isGreaterThan(load.completed() / 2);
        }
    }

    private static List<String> ids(BackendPool pool) {
        return pool.backends().stream().map(Backend::id).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(SOON).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
