package io.frontdesk.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;

import io.frontdesk.balancer.Backend;
import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.LoopbackFarm;
import io.frontdesk.support.RunningGateway;

/**
 * A pool of {@code discovery.type: service-registry} over Spring Cloud's plain
 * {@code SimpleReactiveDiscoveryClient}, the registry every Spring Cloud application has, whose
 * instances are real backends on 127.0.0.2, 127.0.0.3, ...: what any other registry on the
 * class path would do through the same interface.
 */
class ServiceRegistryDiscoveryTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    private final LoopbackFarm farm = new LoopbackFarm();

    @AfterEach
    void stop() {
        farm.close();
    }

    private GatewaySettings registryPool(int... lastOctets) {
        GatewaySettings settings = GatewaySettings.empty()
                .set("frontdesk.pools.cart.discovery.type", "service-registry")
                .set("frontdesk.pools.cart.discovery.service-id", "cart")
                .set("frontdesk.pools.cart.discovery.refresh", "200ms")
                .set("frontdesk.pools.cart.algorithm", "round-robin")
                .route(Route.to("cart"));
        for (int i = 0; i < lastOctets.length; i++) {
            settings = settings.set("spring.cloud.discovery.client.simple.instances.cart[" + i + "].uri",
                    "http://" + farm.id(lastOctets[i]));
        }
        return settings;
    }

    @Test
    void membersFollowTheRegistryAndAnEmptyAnswerKeepsThem() {
        farm.start(2, 3, 4);
        try (RunningGateway gateway = RunningGateway.start(registryPool(2, 3))) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("cart");
            assertThat(ids(pool)).as("members once the gateway has started").containsExactly(farm.id(2), farm.id(3));
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2", "b3").contains("b2", "b3");
            assertThat(gateway.getManagement("/actuator/backends/cart").body())
                    .contains("\"source\":\"service-registry\"", "\"stale\":false", "\"lastRefresh\":\"");
            assertThat(gateway.context().getEnvironment()
                    .getProperty(ServiceRegistryEnvironment.KUBERNETES_DISCOVERY, Boolean.class))
                    .as("Spring Cloud Kubernetes' discovery switched on for the pool").isTrue();

            SimpleReactiveDiscoveryProperties registry = gateway.context()
                    .getBean(SimpleReactiveDiscoveryProperties.class);
            Backend staying = pool.backends().get(0);
            register(registry, 2, 4);
            await(() -> ids(pool).equals(List.of(farm.id(2), farm.id(4))), "b3 replaced by b4");
            assertThat(pool.backends().get(0)).as("the member that stayed, with its state").isSameAs(staying);
            int atB3 = farm.backend(3).requests();
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2", "b4").contains("b2", "b4");
            assertThat(farm.backend(3).requests()).as("requests b3 got after it left").isEqualTo(atB3);

            register(registry);
            await(() -> pool.membershipStatus().stale(), "the pool flagged stale");
            assertThat(ids(pool)).as("members kept while the registry names nobody")
                    .containsExactly(farm.id(2), farm.id(4));
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).contains("b2", "b4");
            assertThat(gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_pool_stale{pool=\"cart\"} 1")
                    .contains("frontdesk_pool_members{pool=\"cart\",source=\"service-registry\"} 2")
                    .containsPattern("frontdesk_discovery_refreshes_total\\{outcome=\"failure\",pool=\"cart\"} [1-9]");

            register(registry, 3);
            await(() -> !pool.membershipStatus().stale() && ids(pool).equals(List.of(farm.id(3))),
                    "fresh members again");
            assertThat(LoopbackFarm.answeredBy(gateway, 5)).containsOnly("b3");
        }
    }

    @Test
    void aServiceIdNoRegistryKnowsAnswers503UntilOneDoes() {
        farm.start(2);
        try (RunningGateway gateway = RunningGateway.start(registryPool())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("cart");
            assertThat(pool.backends()).isEmpty();
            assertThat(pool.membershipStatus().stale()).isTrue();
            assertThat(gateway.get("/").statusCode()).isEqualTo(503);

            register(gateway.context().getBean(SimpleReactiveDiscoveryProperties.class), 2);
            await(() -> pool.backends().size() == 1, "b2 in the pool");
            assertThat(LoopbackFarm.answeredBy(gateway, 3)).containsOnly("b2");
        }
    }

    /** Makes the backends on these addresses the instances of service id cart. */
    private void register(SimpleReactiveDiscoveryProperties registry, int... lastOctets) {
        List<InstanceProperties> instances = new ArrayList<>();
        for (int octet : lastOctets) {
            InstanceProperties instance = new InstanceProperties();
            instance.setServiceId("cart");
            instance.setUri(URI.create("http://" + farm.id(octet)));
            instances.add(instance);
        }
        registry.setInstances(Map.of("cart", instances));
    }

    private static List<String> ids(BackendPool pool) {
        return pool.backends().stream().map(Backend::id).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(SOON).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
