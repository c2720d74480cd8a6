package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import reactor.netty.NettyPipeline;

/**
 * A reclaim decided on one thread and carried out on the connection's event loop, where the
 * connection may have begun a request in between. The embedded channel's event loop runs its
 * tasks when told, which puts the request exactly in that gap.
 */
class ConnectionActivityTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ConnectionActivity activity = new ConnectionActivity(channel, "192.0.2.7", Listener.PUBLIC,
            System.nanoTime());
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger turnedBusy = new AtomicInteger();

    ConnectionActivityTest() {
        channel.pipeline().addFirst(ConnectionActivity.NAME, activity);
        // Reactor Netty's names: a keep-alive connection between requests has both.
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new ChannelInboundHandlerAdapter());
        channel.pipeline().addLast(NettyPipeline.IdleTimeoutHandler, new ChannelInboundHandlerAdapter());
    }

    @Test
    void anIdleConnectionClosesOnceItsEventLoopGetsToIt() {
        assertThat(activity.reclaim(connection -> closed.incrementAndGet(), turnedBusy::incrementAndGet)).isTrue();
        assertThat(channel.isActive()).as("not closed on the deciding thread").isTrue();

        channel.runPendingTasks();

        assertThat(channel.isActive()).isFalse();
        assertThat(closed).hasValue(1);
        assertThat(turnedBusy).hasValue(0);
    }

    @Test
    void aConnectionIsReclaimedByOneCallerOnly() {
        assertThat(activity.reclaim(connection -> closed.incrementAndGet(), turnedBusy::incrementAndGet)).isTrue();
        assertThat(activity.reclaim(connection -> closed.incrementAndGet(), turnedBusy::incrementAndGet)).isFalse();
        assertThat(activity.reclaimable()).isFalse();

        channel.runPendingTasks();

        assertThat(closed).hasValue(1);
    }

    @Test
    void aConnectionThatBeganARequestStaysAndTellsTheCallerToChooseAnother() {
        assertThat(activity.reclaim(connection -> closed.incrementAndGet(), turnedBusy::incrementAndGet)).isTrue();
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));

        channel.runPendingTasks();

        assertThat(channel.isActive()).as("its request goes on").isTrue();
        assertThat(closed).hasValue(0);
        assertThat(turnedBusy).as("the caller chooses another").hasValue(1);
        assertThat(activity.reclaiming()).as("free to be chosen again once idle").isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionClosedMeanwhileNeedsNoOtherChosen() {
        assertThat(activity.reclaim(connection -> closed.incrementAndGet(), turnedBusy::incrementAndGet)).isTrue();
        channel.pipeline().close(); // the embedded channel's own close() would run the reclaim first

        channel.runPendingTasks();

        assertThat(closed).hasValue(0);
        assertThat(turnedBusy).hasValue(0);
    }
}
