package io.frontdesk.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real origin server on loopback for cache tests. Each path answers with the headers the test
 * gave it (a value with line feeds becomes one field line per line); it honours If-None-Match
 * against its ETag with 304, and a single byte range with 206 when the answer serves ranges;
 * it counts requests by path and remembers the request headers it saw.
 */
final class Origin implements AutoCloseable {

    /** What a path answers. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay, boolean ranges) {

        static Answer of(String body, String... headerPairs) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Answer(200, headers, body, Duration.ZERO, false);
        }

        Answer status(int value) {
            return new Answer(value, headers, body, delay, ranges);
        }

        Answer delayed(Duration value) {
            return new Answer(status, headers, body, value, ranges);
        }

        /** Answers a single byte range {@code bytes=first-last} with 206. */
        Answer servingRanges() {
            return new Answer(status, headers, body, delay, true);
        }
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> methods = new ConcurrentHashMap<>();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final DisposableServer server;

    Origin() {
        server = HttpServer.create().host("127.0.0.1").port(0).channelGroup(connections).handle(this::handle)
                .bindNow();
    }

    Origin answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int requests(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    /** The methods of the requests received for a path, in order. */
    List<String> methods(String path) {
        return methods.getOrDefault(path, List.of());
    }

    /** Request headers of every request received, in order. */
    List<HttpHeaders> seen() {
        return seen;
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        seen.add(request.requestHeaders().copy());
        methods.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(request.method().name());
        Answer answer = answers.getOrDefault(path, new Answer(404, Map.of(), "not found", Duration.ZERO, false));
        String etag = answer.headers().get("ETag");
        String ifNoneMatch = request.requestHeaders().get("If-None-Match");
        answer.headers().forEach((name, value) -> value.lines().forEach(line -> response.addHeader(name, line)));
        Mono<Void> reply;
        String range = request.requestHeaders().get("Range");
        if (etag != null && etag.equals(ifNoneMatch) && answer.status() == 200) {
            response.header("Content-Length", "0");
            reply = response.status(304).send();
        } else if (answer.ranges() && range != null && range.matches("bytes=\\d+-\\d+")) {
            byte[] whole = answer.body().getBytes(StandardCharsets.UTF_8);
            int first = Integer.parseInt(range.substring(6, range.indexOf('-')));
            int last = Math.min(whole.length - 1, Integer.parseInt(range.substring(range.indexOf('-') + 1)));
            byte[] part = java.util.Arrays.copyOfRange(whole, first, last + 1);
            response.header("Content-Range", "bytes " + first + "-" + last + "/" + whole.length);
            response.header("Content-Length", Integer.toString(part.length));
            reply = response.status(206).sendByteArray(Mono.just(part)).then();
        } else {
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            response.header("Content-Length", Integer.toString(body.length));
            reply = response.status(answer.status()).sendByteArray(Mono.just(body)).then();
        }
        return answer.delay().isZero() ? reply : Mono.delay(answer.delay()).then(reply);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        connections.close().awaitUninterruptibly();
    }
}
