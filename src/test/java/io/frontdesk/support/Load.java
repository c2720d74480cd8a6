package io.frontdesk.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A bounded concurrent GET load on one URI, tallying statuses and answering backends. */
public final class Load {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicInteger> byBackend = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger completed = new AtomicInteger();

    /**
     * Sends GETs with {@code concurrency} in flight until {@code stop} says so or {@code maxRequests}
     * have been sent, and waits for all of them.
     */
    public Load run(URI uri, int concurrency, int maxRequests, BooleanSupplier stop) {
        Semaphore slots = new Semaphore(concurrency);
        List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
        for (int sent = 0; sent < maxRequests && !stop.getAsBoolean(); sent++) {
            slots.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
            CompletableFuture<?> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        record(response, error);
                        slots.release();
                    });
            inFlight.add(future);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return this;
    }

    private void record(HttpResponse<String> response, Throwable error) {
        completed.incrementAndGet();
        if (error != null) {
            failures.add(error.toString());
            return;
        }
        if (response.statusCode() != 200) {
            failures.add(response.statusCode() + " " + response.body());
            return;
        }
        String backend = response.headers().firstValue("X-Backend-Instance").orElse("?");
        byBackend.computeIfAbsent(backend, key -> new AtomicInteger()).incrementAndGet();
    }

    public int completed() {
        return completed.get();
    }

    public List<String> failures() {
        return failures;
    }

    public int answeredBy(String backend) {
        AtomicInteger count = byBackend.get(backend);
        return count == null ? 0 : count.get();
    }
}
