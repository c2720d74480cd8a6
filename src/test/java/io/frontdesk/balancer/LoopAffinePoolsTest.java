package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.RawOrigin;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.http.client.HttpClient;

/** A request is sent on a connection of the event loop it runs on. */
class LoopAffinePoolsTest {

    private final RawOrigin origin = RawOrigin.start();
    private final LoopResources loops = LoopResources.create("affinity-test", 2, true);
    private final Semaphore released = new Semaphore(0);

    @AfterEach
    void stop() throws Exception {
        origin.close();
        loops.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void eachLoopSendsOnConnectionsOfItsOwn() throws Exception {
        ConnectionProvider pools = new LoopAffinePools(() -> ConnectionProvider.create("affinity-test", 10));
        HttpClient client = clientOn(pools);
        EventLoopGroup group = loops.onClient(true);
        EventLoop first = group.next();
        EventLoop second = group.next();
        assertThat(second).isNotSameAs(first);

        for (EventLoop loop : new EventLoop[] {first, second, first, second}) {
            assertThat(connectionLoopAskedFrom(loop, client)).isSameAs(loop);
        }
        assertThat(origin.connectionsAccepted()).as("one connection per loop, each used again").isEqualTo(2);
        pools.disposeLater().block(Duration.ofSeconds(10));
    }

    @Test
    void oneSharedPoolSendsOnAnotherLoopsConnection() throws Exception {
        ConnectionProvider shared = ConnectionProvider.create("shared-test", 10);
        HttpClient client = clientOn(shared);
        EventLoopGroup group = loops.onClient(true);
        EventLoop first = group.next();
        EventLoop second = group.next();

        assertThat(connectionLoopAskedFrom(first, client)).isSameAs(first);
        assertThat(connectionLoopAskedFrom(second, client)).as("the idle connection of the first loop")
                .isSameAs(first);
        shared.disposeLater().block(Duration.ofSeconds(10));
    }

    /** The client on these loops, counting each connection given back to its pool. */
    private HttpClient clientOn(ConnectionProvider pools) {
        return HttpClient.create(pools).runOn(loops).observe((connection, state) -> {
            if (state == ConnectionObserver.State.RELEASED) {
                released.release();
            }
        });
    }

    /**
     * The event loop of the connection a request sent from {@code loop} went out on, once that
     * connection is back in its pool for the next request.
     */
    private EventLoop connectionLoopAskedFrom(EventLoop loop, HttpClient client) throws Exception {
        CompletableFuture<EventLoop> used = new CompletableFuture<>();
        loop.execute(() -> client.get().uri(origin.url() + "/page")
                .responseConnection((response, connection) -> {
                    EventLoop connectionLoop = connection.channel().eventLoop();
                    return connection.inbound().receive().then(Mono.just(connectionLoop));
                })
                .next()
                .subscribe(used::complete, used::completeExceptionally));
        EventLoop connectionLoop = used.get(10, TimeUnit.SECONDS);
        assertThat(released.tryAcquire(10, TimeUnit.SECONDS)).as("the connection is given back").isTrue();
        return connectionLoop;
    }
}
