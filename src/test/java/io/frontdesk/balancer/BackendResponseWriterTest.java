package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.ClientConnection.Response;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawOrigin;
import io.frontdesk.support.RunningGateway;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * How the backend's response body reaches the client: a small body of a declared length with its
 * head in one write, a larger one streamed as it arrives. What the gateway writes to each client
 * connection is recorded flush by flush, at the socket's end of the pipeline.
 */
class BackendResponseWriterTest {

    /** Every flush to a client connection, as the bytes written since the one before (ISO-8859-1). */
    private static final List<String> FLUSHES = new CopyOnWriteArrayList<>();

    @AutoClose
    private static final RawOrigin origin = RawOrigin.start();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("origin", origin.url())
            .set("frontdesk.pools.origin.retry.max-attempts", "1")
            .set("frontdesk.pools.origin.outlier-detection.enabled", "false")
            .route(Route.to("origin")), FlushRecording.class);

    @Test
    void aSmallBodyOfADeclaredLengthGoesOutWithItsHeadInOneWrite() throws Exception {
        String body = "small-body:" + "x".repeat(1000);
        origin.answer("/small", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);

        try (ClientConnection client = new ClientConnection(gateway.port())) {
            Response response = client.get("/small");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
        String flush = flushHolding("small-body:");
        assertThat(flush).as("the head and the whole body in one flush").startsWith("HTTP/1.1 200 OK\r\n")
                .endsWith("\r\n\r\n" + body);
    }

    @Test
    void aLargerBodyStreamsAsItArrives() throws Exception {
        int length = BackendResponseWriter.WHOLE_BODY_LIMIT + 1;
        String start = "large-body:" + "y".repeat(1000);
        RawOrigin.Gate rest = new RawOrigin.Gate();
        origin.reply("/large", (out, in) -> {
            RawOrigin.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + length
                    + "\r\n\r\n" + start);
            rest.await();
            RawOrigin.write(out, "z".repeat(length - start.length()));
            return true;
        });

        try (ClientConnection client = new ClientConnection(gateway.port())) {
            client.send("/large");
            await().atMost(Duration.ofSeconds(10)).until(() -> FLUSHES.stream().anyMatch(f -> f.contains("large-body:")));
            rest.open();
            Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(length).startsWith(start);
        }
    }

    @Test
    void aSmallBodyCutShortIsABadGatewayRatherThanATruncatedResponse() throws Exception {
        origin.answerThenClose("/cut", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");

        try (ClientConnection client = new ClientConnection(gateway.port())) {
            Response response = client.get("/cut");

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.complete()).isTrue();
            assertThat(response.body()).doesNotContain("only ten..");
            assertThat(client.get("/after-cut").body()).as("the client's connection serves on").isEqualTo("/after-cut");
        }
    }

    private static String flushHolding(String marker) {
        await().atMost(Duration.ofSeconds(10)).until(() -> FLUSHES.stream().anyMatch(f -> f.contains(marker)));
        return FLUSHES.stream().filter(f -> f.contains(marker)).findFirst().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class FlushRecording {

        private static final String NAME = "test-flush-recorder";

        /** Once per connection: Reactor Netty tells of a keep-alive connection again with each request. */
        @Bean
        NettyServerCustomizer flushRecorder() {
            return server -> server.doOnConnection(connection -> {
                if (connection.channel().pipeline().get(NAME) == null) {
                    connection.channel().pipeline().addFirst(NAME, new FlushRecorder());
                }
            });
        }
    }

    /** Collects what is written until a flush sends it. */
    private static final class FlushRecorder extends ChannelOutboundHandlerAdapter {

        private final StringBuilder pending = new StringBuilder();

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            if (message instanceof ByteBuf bytes) {
                pending.append(bytes.toString(bytes.readerIndex(), bytes.readableBytes(), StandardCharsets.ISO_8859_1));
            }
            ctx.write(message, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!pending.isEmpty()) {
                FLUSHES.add(pending.toString());
                pending.setLength(0);
            }
            ctx.flush();
        }
    }
}
