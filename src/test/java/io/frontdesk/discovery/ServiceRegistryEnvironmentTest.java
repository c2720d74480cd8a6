package io.frontdesk.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Spring Cloud Kubernetes' discovery is on only when a pool needs it, unless the user says otherwise. */
class ServiceRegistryEnvironmentTest {

    private static Boolean kubernetesDiscovery(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("user", settings));
        new ServiceRegistryEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(ServiceRegistryEnvironment.KUBERNETES_DISCOVERY, Boolean.class);
    }

    @Test
    void offWithoutPoolsAndWithStaticAndDnsPools() {
        assertThat(kubernetesDiscovery(Map.of())).isFalse();
        assertThat(kubernetesDiscovery(Map.of("frontdesk.pools.web.backends[0].url", "http://127.0.0.1:1",
                "frontdesk.pools.shop.discovery.type", "dns"))).isFalse();
    }

    @Test
    void onWhenAPoolAsksAServiceRegistryHoweverTheTypeIsWritten() {
        assertThat(kubernetesDiscovery(Map.of("frontdesk.pools.web.backends[0].url", "http://127.0.0.1:1",
                "frontdesk.pools.cart.discovery.type", "service-registry"))).isTrue();
        assertThat(kubernetesDiscovery(Map.of("frontdesk.pools.cart.discovery.type", "SERVICE_REGISTRY"))).isTrue();
    }

    @Test
    void theUsersSettingWins() {
        assertThat(kubernetesDiscovery(Map.of("frontdesk.pools.cart.discovery.type", "service-registry",
                ServiceRegistryEnvironment.KUBERNETES_DISCOVERY, "false"))).isFalse();
        assertThat(kubernetesDiscovery(Map.of(ServiceRegistryEnvironment.KUBERNETES_DISCOVERY, "true"))).isTrue();
    }
}
