package io.frontdesk.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.kubernetes.commons.discovery.KubernetesDiscoveryClientHealthIndicatorInitializer;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.frontdesk.balancer.Backend;
import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.LoopbackFarm;
import io.frontdesk.support.RunningGateway;

/**
 * A pool of {@code discovery.type: service-registry} in Kubernetes: Spring Cloud Kubernetes'
 * discovery client watches a Kubernetes API server (fabric8's, on loopback, keeping what it is
 * sent) whose Service {@code cart} has pods on 127.0.0.2, 127.0.0.3, ..., real backends. The
 * client reads the Service's Endpoints, which the endpoints controller writes as it does in a
 * cluster: ready pods under {@code addresses}, pods that are not ready under
 * {@code notReadyAddresses}, and a terminating pod nowhere.
 */
class KubernetesDiscoveryTest {

    private static final String NAMESPACE = "shop";
    private static final Duration SOON = Duration.ofSeconds(10);

    private final LoopbackFarm farm = new LoopbackFarm();
    private KubernetesMockServer apiServer;
    private KubernetesClient kubernetes;

    @BeforeEach
    void startApiServer() {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        kubernetes = apiServer.createClient();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        apiServer.destroy();
        farm.close();
    }

    private GatewaySettings kubernetesPool() {
        return GatewaySettings.empty()
                .set("spring.main.cloud-platform", "kubernetes")
                .set("spring.cloud.kubernetes.client.master-url", kubernetes.getConfiguration().getMasterUrl())
                .set("spring.cloud.kubernetes.client.namespace", NAMESPACE)
                .set("frontdesk.pools.cart.discovery.type", "service-registry")
                .set("frontdesk.pools.cart.discovery.service-id", "cart")
                .set("frontdesk.pools.cart.discovery.refresh", "200ms")
                .set("frontdesk.pools.cart.algorithm", "round-robin")
                .route(Route.to("cart"));
    }

    @Test
    void onlyReadyEndpointsTakeRequestsAndATerminatingOneFinishesItsOwn() throws Exception {
        farm.start(2, 3, 4);
        kubernetes.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
                .withNewMetadata().withName("cart").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(80).withNewTargetPort(farm.port()).endPort()
                .endSpec().build()).create();
        endpoints(ready(2, 3), notReady());
        try (RunningGateway gateway = RunningGateway.start(kubernetesPool())) {
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("cart");
            assertThat(ids(pool)).as("members once the gateway has started").containsExactly(farm.id(2), farm.id(3));
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2", "b3").contains("b2", "b3");
            assertThat(gateway.context().getBeanNamesForType(KubernetesDiscoveryClientHealthIndicatorInitializer.class))
                    .as("no discovery health, which would read the pod through the API server").isEmpty();

            endpoints(ready(2), notReady(3));
            await(() -> ids(pool).equals(List.of(farm.id(2))), "b3 out while not ready");
            int atB3 = farm.backend(3).requests();
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2");
            assertThat(farm.backend(3).requests()).as("requests b3 got while not ready").isEqualTo(atB3);

            endpoints(ready(2, 3, 4), notReady());
            await(() -> pool.backends().size() == 3, "b3 ready again and b4 in");
            assertThat(LoopbackFarm.answeredBy(gateway, 12)).containsOnly("b2", "b3", "b4")
                    .contains("b2", "b3", "b4");

            Backend terminating = pool.backends().get(2);
            farm.backend(4).delay(Duration.ofSeconds(2));
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> gateway.get("/")));
            }
            await(() -> terminating.inFlight() >= 1 && farm.backend(4).requests() > 0
                    && inFlight.stream().filter(CompletableFuture::isDone).count() + pool.inFlight() == 3,
                    "a request in flight at b4");
            int atB4 = farm.backend(4).requests();
            endpoints(ready(2, 3), notReady());
            await(() -> !pool.backends().contains(terminating), "b4 gone while terminating");
            assertThat(LoopbackFarm.answeredBy(gateway, 10)).containsOnly("b2", "b3");
            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                assertThat(request.get().statusCode()).as("a request in flight when b4 went").isEqualTo(200);
            }
            assertThat(farm.backend(4).requests()).as("requests b4 got after it went").isEqualTo(atB4);
            await(() -> terminating.inFlight() == 0, "b4 drained");

            kubernetes.endpoints().inNamespace(NAMESPACE).withName("cart").delete();
            await(() -> pool.membershipStatus().stale(), "the pool flagged stale when its endpoints went away");
            assertThat(ids(pool)).containsExactly(farm.id(2), farm.id(3));
            assertThat(LoopbackFarm.answeredBy(gateway, 4)).containsOnly("b2", "b3");
        }
    }

    /** In a pod whose pools list their backends, Frontdesk leaves the API server alone. */
    @Test
    void withoutServiceRegistryPoolsTheApiServerIsNotAsked() {
        farm.start(2);
        GatewaySettings staticPool = GatewaySettings.empty()
                .set("spring.main.cloud-platform", "kubernetes")
                .set("spring.cloud.kubernetes.client.master-url", kubernetes.getConfiguration().getMasterUrl())
                .set("spring.cloud.kubernetes.client.namespace", NAMESPACE)
                .pool("web", farm.backend(2))
                .route(Route.to("web"));
        try (RunningGateway gateway = RunningGateway.start(staticPool)) {
            assertThat(LoopbackFarm.answeredBy(gateway, 2)).containsOnly("b2");
            assertThat(gateway.getManagement("/actuator/health").statusCode()).isEqualTo(200);
        }
        assertThat(apiServer.getRequestCount()).as("requests the API server got").isZero();
    }

    /** Writes the Service's Endpoints as the endpoints controller would. */
    private void endpoints(List<EndpointAddress> ready, List<EndpointAddress> notReady) {
        Endpoints endpoints = new EndpointsBuilder()
                .withNewMetadata().withName("cart").withNamespace(NAMESPACE).endMetadata()
                .addNewSubset().withAddresses(ready).withNotReadyAddresses(notReady)
                .addNewPort().withName("http").withPort(farm.port()).endPort().endSubset()
                .build();
        kubernetes.endpoints().inNamespace(NAMESPACE).resource(endpoints).createOr(NonDeletingOperation::update);
    }

    private static List<EndpointAddress> ready(int... lastOctets) {
        return addresses(lastOctets);
    }

    private static List<EndpointAddress> notReady(int... lastOctets) {
        return addresses(lastOctets);
    }

    private static List<EndpointAddress> addresses(int... lastOctets) {
        return Arrays.stream(lastOctets).mapToObj(octet -> new EndpointAddressBuilder()
                .withIp(LoopbackFarm.address(octet)).withNewTargetRef().withKind("Pod").withName("cart-" + octet)
                .withNamespace(NAMESPACE).endTargetRef().build()).toList();
    }

    private static List<String> ids(BackendPool pool) {
        return pool.backends().stream().map(Backend::id).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(SOON).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
