package io.frontdesk.edge;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.frontdesk.config.InvalidConfigurationException;
import reactor.netty.ReactorNetty;

/**
 * One event loop per CPU the JVM may use, as nginx's {@code worker_processes auto} and HAProxy's
 * and Envoy's threads, unless {@code frontdesk.edge.event-loops} says otherwise. Reactor Netty's
 * own default is at least four: on a machine or container with fewer CPUs, the loops take turns
 * on each CPU and evict each other's caches, which costs the WAF above all (its rules and the
 * records of recent values are per loop).
 *
 * <p>Client and backend connections share these loops, and Reactor Netty reads their number
 * once, from the system property {@code reactor.netty.ioWorkerCount}, when it first makes them:
 * hence a system property, set before anything is made. Set on the command line, that property
 * wins over the key.
 */
public class EventLoopCount implements EnvironmentPostProcessor, Ordered {

    static final String KEY = "frontdesk.edge.event-loops";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        int loops = configured(environment.getProperty(KEY));
        if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
            System.setProperty(ReactorNetty.IO_WORKER_COUNT, Integer.toString(loops));
        }
    }

    private static int configured(String value) {
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int loops = Integer.parseInt(value.strip());
            if (loops >= 1) {
                return loops;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw new InvalidConfigurationException(KEY, "must be a whole number of at least 1, was '" + value + "'");
    }

    /** After the configuration files are read, so that a key set there counts. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
