package io.frontdesk.tls;

import java.util.List;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The plain HTTP listener beside HTTPS: every request gets a 308 to the same host, path and
 * query on HTTPS (a 308 keeps the method and body, unlike 301), except paths configured to pass
 * through, such as ACME HTTP-01 challenges, which the gateway serves over plain HTTP as usual.
 */
public final class HttpRedirectServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HttpRedirectServer.class);

    private final String address;
    private final int port;
    private final List<String> passThroughPaths;
    private final HttpsPort httpsPort;
    private final ReactorHttpHandlerAdapter gateway;
    private final UnaryOperator<HttpServer> listenerSettings;
    private volatile DisposableServer server;

    /** @param listenerSettings what the listener gets besides its port: its connection bounds */
    public HttpRedirectServer(String address, int port, List<String> passThroughPaths, HttpsPort httpsPort,
            HttpHandler gateway, UnaryOperator<HttpServer> listenerSettings) {
        this.address = address;
        this.port = port;
        this.passThroughPaths = List.copyOf(passThroughPaths);
        this.httpsPort = httpsPort;
        this.gateway = new ReactorHttpHandlerAdapter(gateway);
        this.listenerSettings = listenerSettings;
    }

    @Override
    public void start() {
        HttpServer http = listenerSettings.apply(HttpServer.create().port(port));
        if (address != null) {
            http = http.host(address);
        }
        server = http.handle(this::handle).bindNow();
        log.info("Plain HTTP on port {} redirects to HTTPS (passing through {})", server.port(), passThroughPaths);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        for (String prefix : passThroughPaths) {
            if (path.startsWith(prefix)) {
                return gateway.apply(request, response);
            }
        }
        String host = RedirectTarget.host(request.requestHeaders().get(HttpHeaderNames.HOST));
        if (host == null) {
            return response.status(HttpResponseStatus.BAD_REQUEST)
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .sendString(Mono.just("A valid Host header is required.\n")).then();
        }
        return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
                .header(HttpHeaderNames.LOCATION, RedirectTarget.location(host, httpsPort.port(), request.uri()))
                .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    /** The port this listener is bound to, or -1 before it starts. */
    public int port() {
        DisposableServer current = server;
        return current == null ? -1 : current.port();
    }

    @Override
    public void stop() {
        DisposableServer current = server;
        if (current != null) {
            current.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
