package io.frontdesk.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The end of one run of an exchange: after its last response byte, or when its client went away
 * or it failed. A filter late in the chain completes before the response body has been written,
 * so what it holds for the whole response it hands over to be done here ({@link #then}). Whoever
 * runs an exchange opens its end around the run ({@link #around}): the gateway's outermost filter
 * for a client's request, the cache for a refresh it runs on its own.
 */
public final class ExchangeEnd {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean reached;

    private ExchangeEnd() {
    }

    /** Runs {@code run} with an end of its own in its context, reached when it terminates or is cancelled. */
    public static Mono<Void> around(Mono<Void> run) {
        return Mono.defer(() -> {
            ExchangeEnd end = new ExchangeEnd();
            return run.contextWrite(context -> context.put(ExchangeEnd.class, end)).doFinally(signal -> end.reach());
        });
    }

    /**
     * Runs {@code task} once the exchange whose run has this {@code context} ends; at once when it
     * already has, or when the run has no end in its context.
     */
    public static void then(ContextView context, Runnable task) {
        ExchangeEnd end = context.getOrDefault(ExchangeEnd.class, null);
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
