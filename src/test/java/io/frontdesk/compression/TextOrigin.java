package io.frontdesk.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A backend on loopback that sends everything uncompressed unless told otherwise, as many
 * application servers do. Each path answers with its content type and headers; a matching
 * If-None-Match (weak comparison) gets 304, a Range on {@code /range.txt} a 206, and
 * {@code /streamed.json} sends its body in two chunks, the second only once the test lets it go.
 */
final class TextOrigin implements AutoCloseable {

    /** Text that compresses as real pages do: varied words, repeated structure. */
    static String text(int length) {
        String[] words = {"amber", "meadow", "harbor", "lantern", "orchard", "pebble", "willow", "cobalt", "saffron",
            "thistle", "juniper", "granite", "velvet", "hollow", "cedar", "maple", "copper", "falcon"};
        StringBuilder text = new StringBuilder(length + 16);
        for (int i = 0; text.length() < length; i++) {
            text.append(i % 12 == 0 ? "<p class=\"item\">" : " ").append(words[(i * 7 + i / 5) % words.length]);
        }
        return text.substring(0, length);
    }

    static final byte[] PAGE = text(4096).getBytes(StandardCharsets.UTF_8);
    static final byte[] SMALL = text(100).getBytes(StandardCharsets.UTF_8);
    static final byte[] GZIPPED = gzip(PAGE);
    static final String FIRST_PART = "{\"items\":[" + "\"" + text(3000) + "\",";
    static final String SECOND_PART = "\"" + text(3000) + "\"]}";

    private record Answer(String contentType, byte[] body, List<String> headers) {
    }

    private static final Map<String, Answer> ANSWERS = Map.ofEntries(
            Map.entry("page.html", new Answer("text/html; charset=utf-8", PAGE, List.of("ETag", "\"p1\""))),
            Map.entry("data.json", new Answer("application/json", PAGE, List.of())),
            Map.entry("feed.xml", new Answer("application/atom+xml", PAGE, List.of())),
            Map.entry("logo.svg", new Answer("image/svg+xml", PAGE, List.of())),
            Map.entry("small.txt", new Answer("text/plain", SMALL, List.of())),
            Map.entry("photo.png", new Answer("image/png", PAGE, List.of())),
            Map.entry("data.csv", new Answer("text/csv", PAGE, List.of())),
            Map.entry("big.csv", new Answer("text/csv", text(10_000).getBytes(StandardCharsets.UTF_8), List.of())),
            Map.entry("no-transform.json", new Answer("application/json", PAGE,
                    List.of("Cache-Control", "no-transform"))),
            Map.entry("encoded.js", new Answer("text/javascript", GZIPPED, List.of("Content-Encoding", "gzip"))),
            Map.entry("range.txt", new Answer("text/plain", PAGE, List.of("Accept-Ranges", "bytes"))),
            Map.entry("app.js", new Answer("text/javascript", PAGE, List.of("Cache-Control", "max-age=60",
                    "ETag", "\"a1\""))),
            Map.entry("styles.css", new Answer("text/css", PAGE, List.of("Cache-Control", "max-age=60"))),
            Map.entry("revalidated.js", new Answer("text/javascript", PAGE, List.of("Cache-Control",
                    "max-age=0, must-revalidate", "ETag", "\"r1\""))));

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<HttpHeaders> seen = new CopyOnWriteArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final DisposableServer server;
    private volatile CompletableFuture<Void> secondPart = new CompletableFuture<>();

    TextOrigin() {
        server = HttpServer.create().host("127.0.0.1").port(0).channelGroup(connections).handle(this::handle)
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int requests(String path) {
        return counts.getOrDefault(path, 0);
    }

    /** Request headers of every request received, in order. */
    List<HttpHeaders> seen() {
        return seen;
    }

    /** What the next request for {@code /streamed.json} waits for before its second chunk. */
    CompletableFuture<Void> holdSecondPart() {
        secondPart = new CompletableFuture<>();
        return secondPart;
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        counts.merge(path, 1, Integer::sum);
        seen.add(request.requestHeaders().copy());
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("empty")) {
            return response.status(204).send();
        }
        if (name.equals("streamed.json")) {
            CompletableFuture<Void> release = secondPart;
            response.header("Content-Type", "application/json");
            return response.sendString(Flux.concat(Mono.just(FIRST_PART),
                    Mono.fromFuture(release).timeout(Duration.ofSeconds(10), Mono.empty())
                            .then(Mono.just(SECOND_PART)))).then();
        }
        Answer answer = ANSWERS.get(name);
        if (answer == null) {
            return response.status(404).send();
        }
        response.header("Content-Type", answer.contentType());
        for (int i = 0; i < answer.headers().size(); i += 2) {
            response.header(answer.headers().get(i), answer.headers().get(i + 1));
        }
        String etag = response.responseHeaders().get("ETag");
        String ifNoneMatch = request.requestHeaders().get("If-None-Match");
        if (etag != null && ifNoneMatch != null && ifNoneMatch.replace("W/", "").contains(etag)) {
            return response.status(304).send();
        }
        String range = request.requestHeaders().get("Range");
        if (name.equals("range.txt") && range != null && range.startsWith("bytes=0-")) {
            int last = Integer.parseInt(range.substring("bytes=0-".length()));
            response.status(206).header("Content-Range", "bytes 0-" + last + "/" + answer.body().length);
            return response.sendByteArray(Mono.just(java.util.Arrays.copyOf(answer.body(), last + 1))).then();
        }
        response.header("Content-Length", Integer.toString(answer.body().length));
        return response.sendByteArray(Mono.just(answer.body())).then();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        connections.close().awaitUninterruptibly();
    }
}
