package io.frontdesk.telemetry;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.SmartLifecycle;

/**
 * The access log: JSON lines handed over from the event loop without waiting and written to
 * standard output by one thread of its own. When the output cannot keep up and the queue is
 * full, lines are dropped and counted rather than stalling requests.
 */
public final class AccessLog implements SmartLifecycle {

    private final BlockingQueue<String> queue;
    private final OutputStream out;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private volatile Thread writer;
    private volatile boolean running;

    public AccessLog(int queueSize) {
        this(queueSize, new FileOutputStream(FileDescriptor.out));
    }

    AccessLog(int queueSize, OutputStream out) {
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.out = out;
    }

    /** Queues one line (without its newline); never blocks. */
    public void offer(String line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    public long written() {
        return written.sum();
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::drain, "frontdesk-access-log");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server, so the lines of the last requests are written too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void drain() {
        List<String> batch = new ArrayList<>(256);
        StringBuilder text = new StringBuilder(64 * 1024);
        while (running || !queue.isEmpty()) {
            try {
                String first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4095);
            } catch (InterruptedException e) {
                queue.drainTo(batch);
            }
            for (String line : batch) {
                text.append(line).append('\n');
            }
            try {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                written.add(batch.size());
            } catch (IOException e) {
                dropped.add(batch.size());
            }
            batch.clear();
            text.setLength(0);
        }
    }
}
