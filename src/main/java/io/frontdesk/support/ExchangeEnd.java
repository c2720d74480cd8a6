package io.frontdesk.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The end of one run of an exchange: after its last response byte, or when its client went away
 * or it failed. A filter late in the chain completes before the response body has been written,
 * so what it holds for the whole response it hands over to be done here ({@link #then}). Whoever
 * runs an exchange opens its end around the run ({@link #around}): the gateway's outermost filter
 * for a client's request, the cache for a refresh it runs on its own. The end is kept among the
 * exchange's attributes rather than in the Reactor context, whose every entry each operator that
 * adds one of its own copies.
 */
public final class ExchangeEnd {

    private static final String ATTRIBUTE = ExchangeEnd.class.getName();

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean reached;

    private ExchangeEnd() {
    }

    /** Runs {@code run} with an end of its own for {@code exchange}, reached when it terminates or is cancelled. */
    public static Mono<Void> around(ServerWebExchange exchange, Mono<Void> run) {
        return Mono.defer(() -> {
            ExchangeEnd end = new ExchangeEnd();
            exchange.getAttributes().put(ATTRIBUTE, end);
            return run.doFinally(signal -> end.reach());
        });
    }

    /**
     * Runs {@code task} once the run of {@code exchange} ends; at once when it already has, or when
     * the exchange is run without an end.
     */
    public static void then(ServerWebExchange exchange, Runnable task) {
        ExchangeEnd end = exchange.getAttribute(ATTRIBUTE);
        if (end == null) {
            task.run();
            return;
        }
        end.tasks.add(task);
        if (end.reached) {
            end.runTasks();
        }
    }

    private void reach() {
        reached = true;
        runTasks();
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }
}
