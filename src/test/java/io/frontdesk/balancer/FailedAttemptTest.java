package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import io.frontdesk.edge.Failures;
import io.frontdesk.support.FreePort;
import io.frontdesk.support.TestBackend;
import io.frontdesk.tls.SelfSignedCertificate;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * What failures seen by the proxy's HTTP client prove about a request, on real sockets: only a
 * request that provably never left may go to another backend whatever its method.
 */
class FailedAttemptTest {

    private static final HttpClient PLAIN = HttpClient.create();

    @Test
    void aRefusedConnectionProvesThatTheRequestNeverLeft() {
        Throwable error = failureOf(PLAIN, "http://127.0.0.1:" + FreePort.find() + "/orders");

        assertThat(FailedAttempt.kindOf(error, false, true)).isEqualTo(Failures.Kind.NEVER_SENT);
        assertThat(FailedAttempt.safeToRepeat(Failures.Kind.NEVER_SENT, HttpMethod.POST, true)).isTrue();
    }

    @Test
    void aFailedTlsHandshakeProvesThatTheRequestNeverLeft() {
        SelfSignedCertificate untrusted = SelfSignedCertificate.forLocalhost();
        try (TestBackend backend = TestBackend.startTls("untrusted", untrusted.certificatePem(),
                untrusted.privateKeyPem())) {
            Throwable error = failureOf(HttpClient.create().secure(), backend.url() + "/orders");

            assertThat(FailedAttempt.kindOf(error, false, true)).as("%s", error).isEqualTo(Failures.Kind.NEVER_SENT);
            assertThat(backend.requests()).isZero();
        }
    }

    @Test
    void aResetAfterTheBackendBeganReadingLeavesTheRequestPossiblyServed() {
        try (RudeServer server = RudeServer.start(socket -> {
            RudeServer.readOneByte(socket);
            RudeServer.reset(socket);
        })) {
            Throwable error = failureOf(PLAIN, "http://127.0.0.1:" + server.port() + "/orders");
            Failures.Kind kind = FailedAttempt.kindOf(error, false, true);

            assertThat(kind).as("%s", error).isEqualTo(Failures.Kind.CLOSED_BEFORE_RESPONSE);
            assertThat(FailedAttempt.safeToRepeat(kind, HttpMethod.POST, true)).isFalse();
            assertThat(FailedAttempt.safeToRepeat(kind, HttpMethod.GET, false)).isTrue();
        }
    }

    /**
     * A pooled connection the backend has just closed: the request's one write finds it closed.
     * Reactor Netty reports a close before the response, caused by the aborted write.
     */
    @Test
    void aRequestWithoutBodyWhoseWriteFoundTheConnectionClosedNeverLeft() {
        HttpClient closingAsItWrites = PLAIN.doOnConnected(connection -> connection.addHandlerFirst(
                new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
                        context.close();
                        context.write(message, promise);
                    }
                }));
        try (RudeServer server = RudeServer.start(RudeServer::readOneByte)) {
            String url = "http://127.0.0.1:" + server.port() + "/catalog";
            Throwable getError = failureOf(closingAsItWrites.get().uri(url).response());
            Throwable postError = failureOf(closingAsItWrites.post().uri(url).send(body()).response());

            assertThat(FailedAttempt.kindOf(getError, false, false)).as("%s", getError)
                    .isEqualTo(Failures.Kind.NEVER_SENT);
            assertThat(FailedAttempt.kindOf(postError, false, true)).as("%s", postError)
                    .isEqualTo(Failures.Kind.CLOSED_BEFORE_RESPONSE);
        }
    }

    /** The failure of a POST with a body, as the proxy's client reports it. */
    private static Throwable failureOf(HttpClient client, String url) {
        return failureOf(client.post().uri(url).send(body()).response());
    }

    private static ByteBufFlux body() {
        return ByteBufFlux.fromString(Mono.just("{\"item\":42}"));
    }

    private static Throwable failureOf(Mono<?> request) {
        try {
            request.block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            return Exceptions.unwrap(e);
        }
        throw new AssertionError("the request succeeded");
    }

    /** A TCP server on loopback that does something rude to every connection it accepts. */
    private static final class RudeServer implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread acceptor;

        private RudeServer(ServerSocket socket, Consumer<Socket> rudeness) {
            this.socket = socket;
            this.acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        rudeness.accept(accepted);
                    } catch (IOException | UncheckedIOException e) {
                        // closed by the test, or by the rudeness itself
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static RudeServer start(Consumer<Socket> rudeness) {
            try {
                return new RudeServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), rudeness);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Closes with a reset (SO_LINGER 0) instead of an orderly close, leaving what it did not read unread. */
        static void reset(Socket accepted) {
            try {
                accepted.setSoLinger(true, 0);
                accepted.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void readOneByte(Socket accepted) {
            try {
                accepted.getInputStream().read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                acceptor.join(5_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
