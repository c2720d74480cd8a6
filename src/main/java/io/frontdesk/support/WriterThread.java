package io.frontdesk.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A daemon thread of its own for a log writer: runs its loop, which is told whether to go on,
 * until stopped; stopping wakes it and waits (5 s at most) for the loop to drain and return.
 */
public final class WriterThread {

    private final String name;
    private final Consumer<BooleanSupplier> loop;
    private volatile Thread thread;
    private volatile boolean running;

    /** @param loop writes until the supplier says false, then writes what is left and returns */
    public WriterThread(String name, Consumer<BooleanSupplier> loop) {
        this.name = name;
        this.loop = loop;
    }

    public void start() {
        running = true;
        Thread started = new Thread(() -> loop.accept(() -> running), name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Wakes the loop from a park. */
    public void wake() {
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return running;
    }
}
