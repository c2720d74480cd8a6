package io.frontdesk.edge;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import io.frontdesk.config.InvalidConfigurationException;
import reactor.netty.ReactorNetty;

/**
 * One event loop per CPU the JVM may use and at least four, as Reactor Netty makes them, unless
 * {@code frontdesk.edge.event-loops} says otherwise. On fewer CPUs than four the loops take turns,
 * but a gateway seldom has its CPUs to itself (a backend, a sidecar, a load generator share them),
 * and the scheduler shares a CPU between threads, not processes: with one loop per CPU each loop is
 * seldom idle, the peers it wakes preempt it, and they get their work a request at a time.
 *
 * <p>Client and backend connections share these loops, and Reactor Netty reads their number
 * once, from the system property {@code reactor.netty.ioWorkerCount}, when it first makes them:
 * hence a system property, set before anything is made. Set on the command line, that property
 * wins over the key.
 */
public class EventLoopCount implements EnvironmentPostProcessor, Ordered {

    static final String KEY = "frontdesk.edge.event-loops";
    static final int MINIMUM_BY_DEFAULT = 4;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        int loops = configured(environment.getProperty(KEY));
        if (System.getProperty(ReactorNetty.IO_WORKER_COUNT) == null) {
            System.setProperty(ReactorNetty.IO_WORKER_COUNT, Integer.toString(loops));
        }
    }

    private static int configured(String value) {
        if (value == null || value.isBlank()) {
            return Math.max(Runtime.getRuntime().availableProcessors(), MINIMUM_BY_DEFAULT);
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
