package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;

/**
 * Backends that send informational (1xx) responses before their final one: 103 Early Hints
 * reaches the client ahead of the final response, other 1xx stay behind, and every request on a
 * connection gets its own final response.
 */
class InterimResponsesTest {

    @AutoClose
    private static final InterimBackend backend = new InterimBackend();

    private static GatewaySettings settings() {
        return GatewaySettings.empty().pool("web", backend.url())
                .set("frontdesk.pools.web.retry.max-attempts", "1")
                .route(Route.to("web").id("cached").path("/cached/**").filter("Cache=site"))
                .route(Route.to("web"))
                .set("frontdesk.cache.policies.site.default-ttl", "5m");
    }

    @Test
    void earlyHintsReachAnHttp11ClientBeforeTheFinalResponseAndTheConnectionStaysInStep() {
        try (RunningGateway gateway = RunningGateway.start(settings());
                RawHttp.Connection client = RawHttp.connect(gateway.port())) {
            CountDownLatch hintsReceived = backend.holdFinalResponses();

            client.send("GET /hints HTTP/1.1\r\nHost: shop.example");
            RawHttp.Response hints = client.read();
            hintsReceived.countDown();
            RawHttp.Response answer = client.read();
            client.send("GET /processing HTTP/1.1\r\nHost: shop.example");
            RawHttp.Response processed = client.read();

            assertThat(hints.status()).isEqualTo(103);
            assertThat(hints.header("Link")).isEqualTo("</style.css>; rel=preload");
            assertThat(hints.header("X-Hint")).as("only Link fields are forwarded").isNull();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("final");
            assertThat(answer.header("Link")).isNull();
            assertThat(processed.status()).as("102 Processing is not forwarded").isEqualTo(200);
            assertThat(processed.body()).isEqualTo("processed");
            assertThat(interimResponses(gateway, "forwarded", "103")).isOne();
            assertThat(interimResponses(gateway, "dropped", "other")).isOne();
        }
    }

    @Test
    void aHeadRequestGetsItsFinalResponseAfterTheEarlyHints() {
        try (RunningGateway gateway = RunningGateway.start(settings());
                RawHttp.Connection client = RawHttp.connect(gateway.port())) {
            client.send("HEAD /hints HTTP/1.1\r\nHost: shop.example");
            RawHttp.Response hints = client.readHead();
            RawHttp.Response answer = client.readHead();
            client.send("GET /processing HTTP/1.1\r\nHost: shop.example");
            RawHttp.Response processed = client.read();

            assertThat(hints.status()).isEqualTo(103);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Length")).isEqualTo("5");
            assertThat(processed.body()).isEqualTo("processed");
        }
    }

    @Test
    void anHttp10ClientGetsNoEarlyHints() {
        try (RunningGateway gateway = RunningGateway.start(settings())) {
            RawHttp.Response response = RawHttp.exchange(gateway.port(), "GET /hints HTTP/1.0\r\nHost: shop.example");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("final");
            assertThat(interimResponses(gateway, "dropped", "103")).isOne();
        }
    }

    @Test
    void anHttp2ClientGetsTheEarlyHintsAndEveryFinalResponseOnOneConnection() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(settings()
                .set("server.ssl.enabled", "true").set("frontdesk.tls.http-port", "-1"))) {
            String origin = "https://127.0.0.1:" + gateway.port();
            Process curl = new ProcessBuilder("curl", "-sk", "--http2", "-i", "--max-time", "10",
                    "-w", "\n%{http_version} %{http_code} connections=%{num_connects}\n",
                    origin + "/hints", origin + "/processing").redirectErrorStream(true).start();

            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).as("curl finished").isTrue();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.exitValue()).as(output).isZero();
            assertThat(output.replace("\r\n", "\n"))
                    .containsSubsequence("HTTP/2 103 \n", "link: </style.css>; rel=preload\n",
                            "HTTP/2 200 \n", "\n\nfinal\n2 200 connections=1\n",
                            "HTTP/2 200 \n", "\n\nprocessed\n2 200 connections=0\n")
                    .doesNotContain("HTTP/2 102", "x-hint");
        }
    }

    @Test
    void theCacheStoresTheFinalResponseWithoutTheFieldsOfTheEarlyHints() {
        try (RunningGateway gateway = RunningGateway.start(settings());
                RawHttp.Connection client = RawHttp.connect(gateway.port())) {
            client.send("GET /cached/page HTTP/1.1\r\nHost: shop.example");
            assertThat(client.read().status()).isEqualTo(103);
            assertThat(client.read().header("Cache-Status"))
                    .isEqualTo("Frontdesk; fwd=uri-miss; fwd-status=200; ttl=60; stored");

            client.send("GET /cached/page HTTP/1.1\r\nHost: shop.example");
            RawHttp.Response hit = client.read();

            assertThat(hit.status()).isEqualTo(200);
            assertThat(hit.body()).isEqualTo("page");
            assertThat(hit.header("Cache-Status")).startsWith("Frontdesk; hit");
            assertThat(hit.header("Link")).isNull();
            assertThat(hit.header("X-Hint")).isNull();
            assertThat(backend.requests("/cached/page")).isOne();
        }
    }

    private static double interimResponses(RunningGateway gateway, String outcome, String status) {
        String series = "frontdesk_backend_interim_responses_total{outcome=\"" + outcome + "\",status=\"" + status
                + "\"} ";
        for (String line : gateway.getManagement("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(series)) {
                return Double.parseDouble(line.substring(series.length()));
            }
        }
        throw new AssertionError("no " + series + "in the metrics");
    }

    /**
     * An HTTP/1.1 backend on a plain socket, so that it can send 1xx responses: {@code /hints} and
     * {@code /cached/page} answer 103 Early Hints before their 200, {@code /processing} 102 Processing.
     * A 200 to HEAD has the head of the 200 to GET and no body.
     */
    private static final class InterimBackend implements AutoCloseable {

        private static final String HINTS = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n"
                + "X-Hint: interim\r\n\r\n";

        private final ServerSocket server;
        private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        private volatile CountDownLatch finalResponses = new CountDownLatch(0);

        InterimBackend() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(this::accept, "interim-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int requests(String path) {
            return requests.getOrDefault(path, new AtomicInteger()).get();
        }

        /** From now on, 200s after a 103 wait until the returned latch is counted down. */
        CountDownLatch holdFinalResponses() {
            CountDownLatch latch = new CountDownLatch(1);
            finalResponses = latch;
            return latch;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    Thread serving = new Thread(() -> serve(connection), "interim-backend-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                connection.setTcpNoDelay(true);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = connection.getOutputStream();
                String requestLine;
                while ((requestLine = in.readLine()) != null) {
                    while (!in.readLine().isEmpty()) {
                        // the request's header fields are not needed
                    }
                    String[] request = requestLine.split(" ");
                    requests.computeIfAbsent(request[1], key -> new AtomicInteger()).incrementAndGet();
                    answer(request[1], request[0].equals("HEAD"), out);
                }
            } catch (IOException | InterruptedException e) {
                // the gateway closed the connection, or the test ended
            }
        }

        private void answer(String path, boolean head, OutputStream out) throws IOException, InterruptedException {
            switch (path) {
                case "/hints" -> {
                    send(out, HINTS);
                    finalResponses.await(10, TimeUnit.SECONDS);
                    send(out, ok("final", "", head));
                }
                case "/cached/page" -> {
                    send(out, HINTS);
                    send(out, ok("page", "Cache-Control: max-age=60\r\n", head));
                }
                case "/processing" -> {
                    send(out, "HTTP/1.1 102 Processing\r\n\r\n");
                    send(out, ok("processed", "", head));
                }
                default -> send(out, ok("ok", "", head));
            }
        }

        private static String ok(String body, String fields, boolean head) {
            return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + fields + "Content-Length: " + body.length()
                    + "\r\n\r\n" + (head ? "" : body);
        }

        private static void send(OutputStream out, String response) throws IOException {
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
