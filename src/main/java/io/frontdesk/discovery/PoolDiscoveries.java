package io.frontdesk.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.SmartLifecycle;

import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;
import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.PoolProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Keeps every pool that discovers its members refreshed. Pools of {@code discovery.type: dns}
 * are looked up on one event loop of their own, with Netty's non-blocking resolver and no cache
 * of its own, so that every lookup asks the servers and sees their TTLs; pools of
 * {@code service-registry} ask Spring Cloud's {@link ReactiveDiscoveryClient}. Starts before
 * the server takes requests and waits (a bounded time) for each pool's first answer, so that
 * requests find the pools filled.
 */
public final class PoolDiscoveries implements SmartLifecycle {

    /** How long one DNS query waits for its answer. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    /** How long one lookup may take: for DNS, both families and every server tried. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, PoolProperties> poolProperties;
    private final BackendPools pools;
    private final List<InetSocketAddress> servers;
    private final MeterRegistry registry;
    private final ObjectProvider<ReactiveDiscoveryClient> serviceRegistry;
    private final List<Disposable> schedules = new ArrayList<>();
    private EventLoopGroup loop;
    private DnsNameResolver resolver;
    private volatile boolean running;

    public PoolDiscoveries(FrontdeskProperties properties, BackendPools pools, MeterRegistry registry,
            ObjectProvider<ReactiveDiscoveryClient> serviceRegistry) {
        this.poolProperties = properties.pools();
        this.pools = pools;
        this.servers = DnsServers.parse(properties.discovery().dns().servers());
        this.registry = registry;
        this.serviceRegistry = serviceRegistry;
    }

    @Override
    public synchronized void start() {
        List<PoolRefresher> discoveries = new ArrayList<>();
        for (BackendPool pool : pools.all()) {
            PoolProperties.DiscoveryProperties discovery = poolProperties.get(pool.name()).discovery();
            if (discovery.type() != PoolProperties.DiscoveryType.STATIC) {
                discoveries.add(new PoolRefresher(pool, source(pool.name(), discovery), discovery.refresh(),
                        LOOKUP_TIMEOUT, registry));
            }
        }
        if (!discoveries.isEmpty()) {
            // On the starting thread, never an event loop: the gateway takes no request before its
            // pools know their members.
            List<Duration> firstWaits = Flux.fromIterable(discoveries).flatMapSequential(PoolRefresher::refresh)
                    .collectList().block(LOOKUP_TIMEOUT.multipliedBy(2));
            for (int i = 0; i < discoveries.size(); i++) {
                schedules.add(discoveries.get(i).refreshAfter(firstWaits.get(i)));
            }
        }
        running = true;
    }

    private MemberSource source(String pool, PoolProperties.DiscoveryProperties discovery) {
        return switch (discovery.type()) {
            case DNS -> new DnsMemberSource(new DnsLookup(resolver()), discovery);
            case SERVICE_REGISTRY -> new RegistryMemberSource(serviceRegistry(pool), discovery);
            case STATIC -> throw new IllegalArgumentException("pool " + pool + " lists its backends itself");
        };
    }

    private ReactiveDiscoveryClient serviceRegistry(String pool) {
        ReactiveDiscoveryClient client = serviceRegistry.getIfAvailable();
        if (client == null) {
            throw new InvalidConfigurationException("frontdesk.pools." + pool + ".discovery.type",
                    "service-registry needs Spring Cloud's reactive discovery client, which"
                            + " spring.cloud.discovery.reactive.enabled: false turned off");
        }
        return client;
    }

    private DnsNameResolver resolver() {
        if (resolver == null) {
            resolver = newResolver();
        }
        return resolver;
    }

    private DnsNameResolver newResolver() {
        loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("frontdesk-dns", true),
                NioIoHandler.newFactory());
        DnsServerAddressStreamProvider nameServers = servers.isEmpty()
                ? DnsServerAddressStreamProviders.platformDefault()
                : new SequentialDnsServerAddressStreamProvider(servers);
        return new DnsNameResolverBuilder(loop.next())
                .datagramChannelType(NioDatagramChannel.class)
                .nameServerProvider(nameServers)
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .queryTimeoutMillis(QUERY_TIMEOUT.toMillis())
                .build();
    }

    @Override
    public synchronized void stop() {
        schedules.forEach(Disposable::dispose);
        schedules.clear();
        if (resolver != null) {
            resolver.close();
            resolver = null;
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's phase, so that pools are filled when it starts taking requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
