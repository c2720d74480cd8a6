package io.frontdesk.discovery;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring Cloud Kubernetes' discovery client watches the Services and Endpoints of its namespace
 * through the API server, which needs a service account allowed to. It is switched on only when
 * a pool of {@code discovery.type: service-registry} needs it; a setting of the user's wins
 * either way. Outside Kubernetes it stays off in any case.
 */
public class ServiceRegistryEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String KUBERNETES_DISCOVERY = "spring.cloud.kubernetes.discovery.enabled";

    /** A pool as far as its discovery type; the type as written, so that a wrong one fails later with its key. */
    record PoolSource(DiscoverySource discovery) {
    }

    record DiscoverySource(String type) {
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("frontdesk-service-registry",
                Map.of(KUBERNETES_DISCOVERY, anyPoolUsesRegistry(environment))));
    }

    private static boolean anyPoolUsesRegistry(ConfigurableEnvironment environment) {
        return Binder.get(environment)
                .bind("frontdesk.pools", Bindable.mapOf(String.class, PoolSource.class))
                .orElse(Map.of())
                .values().stream()
                .anyMatch(pool -> pool.discovery() != null && isServiceRegistry(pool.discovery().type()));
    }

    /** As leniently as Spring's binder reads the choice: {@code service-registry}, {@code SERVICE_REGISTRY} ... */
    private static boolean isServiceRegistry(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).replaceAll("[-_]", "").equals("serviceregistry");
    }

    /** After the configuration files are read, so that their pools count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
