package io.frontdesk.shield;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.frontdesk.edge.ManagementPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import reactor.netty.http.server.HttpServer;

/**
 * Bounds on open client connections, in all and per client address (the TCP peer): a connection
 * past either bound is closed as soon as it is accepted, before a byte is read, as nginx's
 * limit_conn or HAProxy's maxconn would turn it away. The management port is left out, so probes
 * and scrapes still get through a flood.
 */
public final class ConnectionLimits implements NettyServerCustomizer {

    private final ManagementPort managementPort;
    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openByClient = new ConcurrentHashMap<>();
    private final Counter refusedTotal;
    private final Counter refusedPerClient;

    public ConnectionLimits(int maxTotal, int maxPerClient, ManagementPort managementPort, MeterRegistry registry) {
        this.managementPort = managementPort;
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
        Gauge.builder("frontdesk.connections.open", open, AtomicInteger::get)
                .description("Client connections open on the public listener").register(registry);
        this.refusedTotal = refused(registry, "total");
        this.refusedPerClient = refused(registry, "per_client");
    }

    private static Counter refused(MeterRegistry registry, String bound) {
        return Counter.builder("frontdesk.connections.refused").tag("bound", bound)
                .description("Client connections closed at once because a bound was reached").register(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> admit(channel));
    }

    private void admit(Channel channel) {
        if (managementPort.isManagement(channel.localAddress())) {
            return;
        }
        if (open.incrementAndGet() > maxTotal && maxTotal > 0) {
            open.decrementAndGet();
            refusedTotal.increment();
            channel.close();
            return;
        }
        String client = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "";
        AtomicInteger mine = openByClient.compute(client, (key, count) -> {
            AtomicInteger counter = count == null ? new AtomicInteger() : count;
            counter.incrementAndGet();
            return counter;
        });
        if (maxPerClient > 0 && mine.get() > maxPerClient) {
            release(client);
            refusedPerClient.increment();
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> release(client));
    }

    private void release(String client) {
        open.decrementAndGet();
        openByClient.computeIfPresent(client, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}
