package io.frontdesk.demo;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default: when the user configured no route and no pool, and did not turn the
 * demo off, the demo pool and route of {@code frontdesk-demo.yml} are added beneath every other
 * setting. Any route or pool of the user's turns the demo off.
 */
public class EmbeddedDemoEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String DEMO_CONFIG = "frontdesk-demo.yml";
    private static final String ROUTES = "spring.cloud.gateway.server.webflux.routes";
    private static final String POOLS = "frontdesk.pools";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Boolean.FALSE.equals(environment.getProperty("frontdesk.demo.enabled", Boolean.class))
                || userConfiguredRouting(environment)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("frontdesk-demo",
                    new ClassPathResource(DEMO_CONFIG))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded demo configuration " + DEMO_CONFIG, e);
        }
    }

    private static boolean userConfiguredRouting(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(ROUTES) || name.startsWith(POOLS + ".")) {
                        return true;
                    }
                }
            }
        }
        return environment.containsProperty(ROUTES + "[0].id") || environment.containsProperty(ROUTES + "[0].uri");
    }

    /** After the configuration files are read, so that they count. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
