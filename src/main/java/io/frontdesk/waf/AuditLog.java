package io.frontdesk.waf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.frontdesk.support.LogFile;
import io.frontdesk.support.WriterThread;

/**
 * The WAF audit log: JSON lines appended to a file or standard output by a thread of its own, so
 * the event loop never waits on the disk. Each line comes with a future completed once it is
 * written and flushed; responses wait for it before they are sent, so a transaction's line is in
 * the log before its response reaches the client, and none is dropped.
 */
public final class AuditLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private record Pending(String line, CompletableFuture<Void> written) {
    }

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final OutputStream out;
    private final String target;
    private final WriterThread writer = new WriterThread("frontdesk-waf-audit", this::writeUntilStopped);

    private AuditLog(OutputStream out, String target) {
        this.out = out;
        this.target = target;
    }

    /** The log at {@code path} (appended to, created with its directories), or {@code stdout}. */
    public static AuditLog open(String path) {
        LogFile file = LogFile.open(path, "frontdesk.waf.audit.path");
        return new AuditLog(file.out(), file.name());
    }

    /** Queues one line (without its newline); the future completes once it is flushed. */
    public CompletableFuture<Void> write(String line) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        queue.offer(new Pending(line, written));
        writer.wake();
        return written;
    }

    @Override
    public void start() {
        writer.start();
    }

    private void writeUntilStopped(BooleanSupplier running) {
        List<Pending> batch = new ArrayList<>();
        while (running.getAsBoolean() || !queue.isEmpty()) {
            Pending next;
            while ((next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            flush(batch);
            batch.clear();
        }
    }

    private void flush(List<Pending> batch) {
        StringBuilder text = new StringBuilder();
        for (Pending pending : batch) {
            text.append(pending.line()).append('\n');
        }
        try {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            log.error("Cannot write the WAF audit log {}: {}", target, e.toString());
        }
        // Responses go on even when the disk fails: the error above is logged, the client not kept waiting.
        batch.forEach(pending -> pending.written().complete(null));
    }

    @Override
    public void stop() {
        writer.stop();
    }

    @Override
    public boolean isRunning() {
        return writer.running();
    }

    /** Stops after the web server, so the lines of the last transactions are written too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
