package io.frontdesk.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.springframework.context.SmartLifecycle;

import io.frontdesk.support.WriterThread;

/**
 * The access log: JSON lines handed over from the event loop without locks or wake-ups, and
 * written to standard output (or a file) in batches by one thread of its own, every few milliseconds. When
 * the output cannot keep up and the queue is full, lines are dropped and counted rather than
 * stalling requests.
 */
public final class AccessLog implements SmartLifecycle {

    /** How long the writer rests between batches: long enough to batch, short enough to tail. */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final OutputStream out;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final WriterThread writer = new WriterThread("frontdesk-access-log", this::writeUntilStopped);

    public AccessLog(int capacity, OutputStream out) {
        this.capacity = capacity;
        this.out = out;
    }

    /** Queues one line (without its newline); never blocks. */
    public void offer(String line) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(line);
    }

    public long dropped() {
        return dropped.sum();
    }

    public long written() {
        return written.sum();
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop();
    }

    @Override
    public boolean isRunning() {
        return writer.running();
    }

    /** Stops after the web server, so the lines of the last requests are written too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void writeUntilStopped(BooleanSupplier running) {
        StringBuilder batch = new StringBuilder(64 * 1024);
        while (running.getAsBoolean()) {
            writeBatch(batch);
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        while (queued.get() > 0) {
            writeBatch(batch);
        }
    }

    private void writeBatch(StringBuilder batch) {
        int lines = 0;
        String line;
        while ((line = queue.poll()) != null) {
            queued.decrementAndGet();
            batch.append(line).append('\n');
            lines++;
        }
        if (lines == 0) {
            return;
        }
        try {
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            written.add(lines);
        } catch (IOException e) {
            dropped.add(lines);
        }
        batch.setLength(0);
    }
}
