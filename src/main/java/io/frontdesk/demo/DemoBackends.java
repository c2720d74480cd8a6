package io.frontdesk.demo;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.frontdesk.support.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Small demo backends inside the gateway's process, one per configured port on 127.0.0.1. Each
 * names itself in {@code X-Backend-Instance}, echoes what the gateway told it about the
 * request, answers {@code /health}, and serves three static assets with the caching headers a
 * real site sends (Cache-Control, ETag, Last-Modified, 304 on a matching validator), uncompressed
 * as many backends send them: the gateway compresses them.
 */
public final class DemoBackends implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoBackends.class);
    private static final Map<String, Asset> ASSETS = Map.of(
            "/static/logo.svg", new Asset("image/svg+xml", """
                    <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
                      <rect width="120" height="40" rx="6" fill="#1f3a5f"/>
                      <text x="60" y="26" font-family="sans-serif" font-size="16" fill="#fff" text-anchor="middle">frontdesk</text>
                    </svg>
                    """),
            "/static/site.css", new Asset("text/css; charset=utf-8", """
                    body { font-family: sans-serif; margin: 2rem auto; max-width: 40rem; color: #222; }
                    header img { height: 40px; }
                    """),
            "/static/app.js", new Asset("text/javascript; charset=utf-8", """
                    // The demo page's script: a greeting, and the backend that answered each request.
                    const greeting = 'Served through frontdesk';

                    function describe(response) {
                      const backend = response.headers.get('X-Backend-Instance') || 'the cache';
                      const status = response.headers.get('Cache-Status') || 'not cached';
                      return `${response.status} from ${backend} (${status})`;
                    }

                    async function ask(path) {
                      const response = await fetch(path, { headers: { 'Accept': 'application/json' } });
                      const line = document.createElement('li');
                      line.textContent = `${path}: ${describe(response)}`;
                      document.querySelector('#answers').appendChild(line);
                      return response;
                    }

                    document.addEventListener('DOMContentLoaded', async () => {
                      document.querySelector('#greeting').textContent = greeting;
                      for (const path of ['/hello', '/static/site.css', '/static/logo.svg', '/static/app.js']) {
                        try {
                          await ask(path);
                        } catch (error) {
                          console.error(`asking ${path} failed`, error);
                        }
                      }
                    });
                    """));

    private final List<Integer> ports;
    private final String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
    private final List<DisposableServer> servers = new ArrayList<>();

    public DemoBackends(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    @Override
    public synchronized void start() {
        for (int i = 0; i < ports.size(); i++) {
            String name = "demo-" + (i + 1);
            servers.add(HttpServer.create().host("127.0.0.1").port(ports.get(i))
                    .handle((request, response) -> handle(name, request, response))
                    .bindNow());
        }
        log.info("Demo backends listening on 127.0.0.1 ports {}", ports);
    }

    private Mono<Void> handle(String name, HttpServerRequest request, HttpServerResponse response) {
        response.header("X-Backend-Instance", name);
        String path = request.fullPath();
        if (path.equals("/health")) {
            return response.sendString(Mono.just("ok\n")).then();
        }
        Asset asset = ASSETS.get(path);
        if (asset != null) {
            return serveAsset(asset, request, response);
        }
        StringBuilder json = new StringBuilder(256).append('{');
        Json.field(json, "backend", name);
        Json.field(json, "method", request.method().name());
        Json.field(json, "uri", request.uri());
        Json.field(json, "xForwardedFor", request.requestHeaders().get("X-Forwarded-For"));
        Json.field(json, "xForwardedProto", request.requestHeaders().get("X-Forwarded-Proto"));
        Json.field(json, "forwarded", request.requestHeaders().get("Forwarded"));
        Json.field(json, "requestId", request.requestHeaders().get("X-Request-Id"));
        json.append("}\n");
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(Mono.just(json.toString())).then();
    }

    private Mono<Void> serveAsset(Asset asset, HttpServerRequest request, HttpServerResponse response) {
        response.header(HttpHeaderNames.CACHE_CONTROL, "public, max-age=3600")
                .header(HttpHeaderNames.ETAG, asset.etag())
                .header(HttpHeaderNames.LAST_MODIFIED, lastModified)
                .header(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        String ifNoneMatch = request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(asset.etag()) || ifNoneMatch.trim().equals("*"))) {
            return response.status(HttpResponseStatus.NOT_MODIFIED).send();
        }
        return response.sendByteArray(Mono.just(asset.body())).then();
    }

    @Override
    public synchronized void stop() {
        servers.forEach(DisposableServer::disposeNow);
        servers.clear();
    }

    @Override
    public boolean isRunning() {
        return !servers.isEmpty();
    }

    /** Starts before the gateway listens, stops after it has drained. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record Asset(String contentType, byte[] body, String etag) {

        Asset(String contentType, String text) {
            this(contentType, text.getBytes(StandardCharsets.UTF_8), etagOf(text));
        }

        private static String etagOf(String text) {
            return "\"" + Integer.toHexString(text.hashCode()) + "-" + text.length() + "\"";
        }
    }
}
