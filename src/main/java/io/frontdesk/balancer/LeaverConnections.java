package io.frontdesk.balancer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.netty.resources.ConnectionProvider;

/**
 * Closes the pooled connections to a backend that left its pool, once its last request in
 * flight has finished: a connection taken by a request then closes when that request ends, an
 * idle one at once. A backend that has joined again by then keeps its connections.
 */
final class LeaverConnections implements MembershipListener {

    /** How often a leaver's requests in flight are looked at. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final ConnectionProvider connections;

    LeaverConnections(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public void membersChanged(BackendPool pool, List<Backend> added, List<Backend> removed) {
        for (Backend leaver : removed) {
            Flux.interval(CHECK_INTERVAL, CHECK_INTERVAL)
                    .filter(tick -> leaver.inFlight() == 0)
                    .next()
                    .filter(tick -> pool.backends().stream().noneMatch(member -> member.id().equals(leaver.id())))
                    .subscribe(tick -> connections.disposeWhen(address(leaver)));
        }
    }

    /** The address the connections were opened to, as the connection pool knows it. */
    private static InetSocketAddress address(Backend backend) {
        String host = backend.uri().getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return InetSocketAddress.createUnresolved(host, backend.uri().getPort());
    }
}
