package io.frontdesk.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP backend on a loopback address (127.0.0.1 unless told otherwise) for tests: names
 * itself in {@code X-Backend-Instance}, records what it received, and can be made slow, sick, or
 * rude on demand.
 */
public final class TestBackend implements AutoCloseable {

    /** How the backend treats requests other than its health checks. */
    public enum Mode {
        /** Answers 200 with its name as the body. */
        NORMAL,
        /** Reads the whole request, then closes the connection without answering. */
        CLOSE_AFTER_READ,
        /** Answers 500. */
        FAIL
    }

    private static final int LARGEST_HEAD = 256 * 1024;

    private final String name;
    private final String host;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> healthCheckHeaders = new CopyOnWriteArrayList<>();
    private final Map<String, String> responseHeaders = new ConcurrentHashMap<>();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile DisposableServer server;
    private volatile int port;
    private volatile Duration delay = Duration.ZERO;
    private volatile int healthStatus = 200;
    private volatile Mode mode = Mode.NORMAL;
    private java.util.function.Consumer<reactor.netty.tcp.SslProvider.SslContextSpec> tls;

    private TestBackend(String name) {
        this(name, "127.0.0.1");
    }

    private TestBackend(String name, String host) {
        this.name = name;
        this.host = host;
    }

    /** Starts a backend on a free port. */
    public static TestBackend start(String name) {
        TestBackend backend = new TestBackend(name);
        backend.bind(0);
        return backend;
    }

    /**
     * Starts a backend on another loopback address (Linux routes all of 127.0.0.0/8 to the
     * loopback interface), on the given port or, with 0, a free one.
     */
    public static TestBackend startOn(String name, String loopbackAddress, int port) {
        TestBackend backend = new TestBackend(name, loopbackAddress);
        backend.bind(port);
        return backend;
    }

    /** Starts a backend that speaks HTTPS with the given certificate (PEM). */
    public static TestBackend startTls(String name, String certificatePem, String privateKeyPem) {
        TestBackend backend = new TestBackend(name);
        backend.tls = spec -> spec.sslContext(Http11SslContextSpec.forServer(stream(certificatePem),
                stream(privateKeyPem)));
        backend.bind(0);
        return backend;
    }

    /** Starts an HTTPS backend that requires a client certificate issued by {@code clientCaPem}. */
    public static TestBackend startMutualTls(String name, String certificatePem, String privateKeyPem,
            String clientCaPem) {
        TestBackend backend = new TestBackend(name);
        backend.tls = spec -> spec.sslContext(Http11SslContextSpec.forServer(stream(certificatePem),
                stream(privateKeyPem)).configure(builder -> builder.trustManager(stream(clientCaPem))
                        .clientAuth(ClientAuth.REQUIRE)));
        backend.bind(0);
        return backend;
    }

    private static InputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private void bind(int onPort) {
        // Heads far larger than any gateway under test passes on, so that only the gateway's bounds decide.
        HttpServer http = HttpServer.create().host(host).port(onPort).channelGroup(connections)
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(LARGEST_HEAD).maxHeaderSize(LARGEST_HEAD));
        if (tls != null) {
            http = http.secure(tls);
        }
        server = http.handle(this::handle).bindNow();
        port = server.port();
    }

    /** Starts again on the port it had. */
    public void restart() {
        bind(port);
    }

    /** Stops listening, lets requests in progress finish and closes every connection. */
    public void stop() {
        DisposableServer current = server;
        if (current != null) {
            current.disposeNow(Duration.ofSeconds(5));
            connections.close().awaitUninterruptibly();
            server = null;
        }
    }

    /**
     * Stops at once, as a killed process does: stops listening, so new connections are refused,
     * and closes every connection, requests in progress included.
     */
    public void kill() {
        DisposableServer current = server;
        if (current != null) {
            current.dispose();
            current.onDispose().block(Duration.ofSeconds(5));
            connections.close().awaitUninterruptibly();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls == null ? "http" : "https") + "://" + host + ":" + port;
    }

    /** Connections open to it now. */
    public int openConnections() {
        return connections.size();
    }

    /** Requests received, health checks not counted. */
    public int requests() {
        return requests.get();
    }

    public List<Received> received() {
        return received;
    }

    /** The header fields of each health check received, names in lower case. */
    public List<Map<String, List<String>>> healthCheckHeaders() {
        return healthCheckHeaders;
    }

    public void resetCounts() {
        requests.set(0);
        received.clear();
    }

    public TestBackend delay(Duration value) {
        delay = value;
        return this;
    }

    public TestBackend healthStatus(int status) {
        healthStatus = status;
        return this;
    }

    public TestBackend mode(Mode value) {
        mode = value;
        return this;
    }

    public TestBackend responseHeader(String header, String value) {
        responseHeaders.put(header, value);
        return this;
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (request.fullPath().equals("/health")) {
            healthCheckHeaders.add(copy(request.requestHeaders()));
            return response.status(healthStatus).sendString(Mono.just("health")).then();
        }
        requests.incrementAndGet();
        Mode current = mode;
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            received.add(new Received(request.method().name(), request.uri(), copy(request.requestHeaders()), body,
                    tlsServerName(request)));
            if (current == Mode.CLOSE_AFTER_READ) {
                return Mono.<Void>fromRunnable(() -> request.withConnection(Connection::dispose));
            }
            responseHeaders.forEach(response::header);
            response.header("X-Backend-Instance", name);
            if (current == Mode.FAIL) {
                response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR);
            }
            Mono<Void> answer = response.sendString(Mono.just(name)).then();
            return delay.isZero() ? answer : Mono.delay(delay).then(answer);
        });
    }

    /** The server name the client sent by SNI, or {@code null}. */
    private static String tlsServerName(HttpServerRequest request) {
        String[] name = new String[1];
        request.withConnection(connection -> {
            SslHandler ssl = connection.channel().pipeline().get(SslHandler.class);
            if (ssl != null && ssl.engine().getSession() instanceof ExtendedSSLSession session) {
                session.getRequestedServerNames().stream().filter(SNIHostName.class::isInstance).findFirst()
                        .ifPresent(sni -> name[0] = ((SNIHostName) sni).getAsciiName());
            }
        });
        return name[0];
    }

    private static Map<String, List<String>> copy(HttpHeaders headers) {
        Map<String, List<String>> copy = new ConcurrentHashMap<>();
        for (String header : headers.names()) {
            copy.put(header.toLowerCase(java.util.Locale.ROOT), headers.getAll(header));
        }
        return copy;
    }

    /** One request as the backend saw it; header names in lower case; the SNI name over TLS. */
    public record Received(String method, String uri, Map<String, List<String>> headers, String body,
            String tlsServerName) {

        public String header(String header) {
            List<String> values = headers.get(header.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : String.join(", ", values);
        }
    }
}
