package io.frontdesk.balancer;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;

/**
 * The backend client's connection pools, one per event loop. A request asks the pool of the event
 * loop it runs on, and that pool's connections were opened on that loop (Reactor Netty opens a
 * connection on the loop that asks for it), so the request is written and its response read on
 * the loop that serves the client, with no task handed between loops. One shared pool gives any
 * idle connection, which on two loops lives on the other loop for about half the requests.
 * Threads other than event loops (health checks on a scheduler) share one more pool.
 *
 * <p>Each pool keeps the configured settings, so any limit holds per event loop.
 */
final class LoopAffinePools implements ConnectionProvider {

    private final Supplier<ConnectionProvider> newPool;
    private final ConnectionProvider elsewhere;
    private final Map<Thread, ConnectionProvider> byLoop = new ConcurrentHashMap<>();

    /** @param newPool makes a pool with the configured settings, once per event loop and once more */
    LoopAffinePools(Supplier<ConnectionProvider> newPool) {
        this.newPool = newPool;
        this.elsewhere = newPool.get();
    }

    @Override
    public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
            Supplier<? extends SocketAddress> remoteAddress, AddressResolverGroup<?> resolverGroup) {
        return current().acquire(config, observer, remoteAddress, resolverGroup);
    }

    private ConnectionProvider current() {
        Thread thread = Thread.currentThread();
        if (!(thread instanceof FastThreadLocalThread)) {
            return elsewhere;
        }
        ConnectionProvider pool = byLoop.get(thread);
        return pool != null ? pool : byLoop.computeIfAbsent(thread, loop -> newPool.get());
    }

    @Override
    public void disposeWhen(SocketAddress address) {
        elsewhere.disposeWhen(address);
        byLoop.values().forEach(pool -> pool.disposeWhen(address));
    }

    @Override
    public Mono<Void> disposeLater() {
        List<Mono<Void>> disposals = new ArrayList<>();
        byLoop.values().forEach(pool -> disposals.add(pool.disposeLater()));
        disposals.add(elsewhere.disposeLater());
        return Mono.when(disposals);
    }

    @Override
    public boolean isDisposed() {
        return elsewhere.isDisposed();
    }

    @Override
    public int maxConnections() {
        return elsewhere.maxConnections();
    }

    @Override
    public Map<SocketAddress, Integer> maxConnectionsPerHost() {
        return elsewhere.maxConnectionsPerHost();
    }

    @Override
    public String name() {
        return elsewhere.name();
    }

    /** The settings of each pool, from which Reactor Netty makes its HTTP/2 pool. */
    @Override
    public Builder mutate() {
        return elsewhere.mutate();
    }
}
