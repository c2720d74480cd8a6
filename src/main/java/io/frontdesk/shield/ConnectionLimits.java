package io.frontdesk.shield;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.frontdesk.edge.ManagementPort;
import io.frontdesk.net.AddressBlocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import reactor.netty.http.server.HttpServer;

/**
 * Bounds on open connections, as nginx and HAProxy keep them, that reclaim idle keep-alive
 * connections before refusing anyone. Client connections (public and redirect listeners) are
 * bounded in all ({@code max-total}) and per client address, the TCP peer
 * ({@code max-per-client}; trusted proxies and allowed addresses are exempt); the management
 * port has a bound of its own, so probes and scrapes get through a client flood.
 *
 * <p>A new connection past a bound takes the place of an idle one: the client's own longest-idle
 * connection past {@code max-per-client}, the management port's past its bound, and from 95% of
 * {@code max-total} the next idle connection in {@link ReclaimOrder} (the biggest holders' first,
 * longest-idle first). Only when nothing is idle is it closed as soon as accepted. From 80% of
 * {@code max-total} connections are under pressure: once a second, idle connections older than
 * the pressure idle timeout are closed. All decisions on the accepting event loop take constant
 * time or a look through one client's connections (or, while the sweep has not lined idle
 * connections up yet, through the clients); the sweep that counts idle connections, orders them
 * and writes the log runs on a thread of its own.
 */
public final class ConnectionLimits implements NettyServerCustomizer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimits.class);
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SWEEP_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ConnectionBudget budget;
    private final long pressureIdleNanos;
    private final Duration idleTimeout;
    private final List<AddressBlocks> exempt;
    private final ManagementPort managementPort;
    private final ConnectionMeters meters;
    private final ConnectionEpisodes episodes = new ConnectionEpisodes();
    private final AtomicInteger clientConnections = new AtomicInteger();
    private final Set<ConnectionActivity> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ConnectionActivity>> byClient = new ConcurrentHashMap<>();
    private final Set<ConnectionActivity> management = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<ConnectionActivity> reclaimable = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicBoolean sweepRequested = new AtomicBoolean();
    private volatile long lastSweep = System.nanoTime() - SWEEP_INTERVAL_NANOS;

    /**
     * @param idleTimeout the keep-alive idle timeout, for the redirect and management listeners
     *        (the public listener's is set with its other settings)
     * @param exempt addresses not bounded per client: trusted proxies and allowed clients
     */
    public ConnectionLimits(ConnectionBudget budget, Duration pressureIdleTimeout, Duration idleTimeout,
            List<AddressBlocks> exempt, ManagementPort managementPort, MeterRegistry registry) {
        this.budget = budget;
        this.pressureIdleNanos = pressureIdleTimeout.toNanos();
        this.idleTimeout = idleTimeout;
        this.exempt = exempt;
        this.managementPort = managementPort;
        this.meters = new ConnectionMeters(registry, budget.maxTotal());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "frontdesk-connection-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL_NANOS, SWEEP_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        log.info("Connections: {}", budget.summary());
    }

    /** The public listener; its keep-alive idle timeout is set with its other settings. */
    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            // Should the management server ever take the application's customizers too, it is counted once.
            if (!managementPort.isManagement(channel.localAddress())) {
                admit(channel, Listener.PUBLIC);
            }
        });
    }

    /** The plain HTTP listener that redirects to HTTPS: the client bounds and the keep-alive idle timeout. */
    public HttpServer redirectListener(HttpServer server) {
        return server.idleTimeout(idleTimeout)
                .doOnChannelInit((observer, channel, remoteAddress) -> admit(channel, Listener.REDIRECT));
    }

    /** The management listener: its own bound and the keep-alive idle timeout. */
    public HttpServer managementListener(HttpServer server) {
        return server.idleTimeout(idleTimeout)
                .doOnChannelInit((observer, channel, remoteAddress) -> admit(channel, Listener.MANAGEMENT));
    }

    private void admit(Channel channel, Listener listener) {
        String client = channel.remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() : "";
        ConnectionActivity activity = new ConnectionActivity(channel, client, listener, System.nanoTime());
        Bound refusal = listener == Listener.MANAGEMENT ? admitManagement(activity) : admitClient(client);
        if (refusal != null) {
            meters.refused(refusal);
            channel.close();
            return;
        }
        if (listener != Listener.MANAGEMENT) {
            registerClient(activity);
        }
        channel.pipeline().addFirst(ConnectionActivity.NAME, activity);
        channel.closeFuture().addListener(closed -> unregister(activity));
    }

    /**
     * Admits and counts a management connection in one step, so that connections arriving together
     * on different event loops cannot all pass a bound with room for one; past the bound, the
     * longest-idle one makes room. The bound the connection is refused by, or null when it may
     * come in.
     */
    private Bound admitManagement(ConnectionActivity activity) {
        synchronized (management) {
            if (management.size() >= budget.maxManagement() && !reclaimLongestIdle(management, Bound.MANAGEMENT)) {
                return Bound.MANAGEMENT;
            }
            management.add(activity);
        }
        meters.opened(Listener.MANAGEMENT);
        return null;
    }

    private Bound admitClient(String client) {
        if (boundedPerClient(client)) {
            Set<ConnectionActivity> own = byClient.get(client);
            if (own != null && own.size() >= budget.maxPerClient()) {
                return reclaimLongestIdle(own, Bound.PER_CLIENT) ? null : Bound.PER_CLIENT;
            }
        }
        if (budget.maxTotal() == 0) {
            return null;
        }
        int open = clientConnections.get();
        if (open >= budget.pressureAt() && reclaimable.isEmpty()) {
            requestSweep();
        }
        if (open < budget.reclaimAt() || reclaimNext()) {
            return null;
        }
        return open < budget.maxTotal() ? null : Bound.TOTAL;
    }

    private boolean boundedPerClient(String client) {
        if (budget.maxPerClient() == 0) {
            return false;
        }
        for (AddressBlocks blocks : exempt) {
            if (!blocks.isEmpty() && blocks.contains(client)) {
                return false;
            }
        }
        return true;
    }

    private boolean reclaimLongestIdle(Collection<ConnectionActivity> connections, Bound reason) {
        ConnectionActivity longest = null;
        long longestSince = 0;
        for (ConnectionActivity connection : connections) {
            long since = connection.idleSince();
            if (since != ConnectionActivity.BUSY && (longest == null || since - longestSince < 0)
                    && !connection.reclaiming()) {
                longest = connection;
                longestSince = since;
            }
        }
        return longest != null && reclaim(longest, reason);
    }

    /**
     * The next connection the last sweep lined up; when none is left (the sweep has not caught up
     * with a fast flood yet), the longest-idle one of the client holding the most.
     */
    private boolean reclaimNext() {
        for (ConnectionActivity next = reclaimable.poll(); next != null; next = reclaimable.poll()) {
            if (next.reclaimable() && reclaim(next, Bound.TOTAL)) {
                return true;
            }
        }
        requestSweep();
        Set<ConnectionActivity> biggest = Set.of();
        for (Set<ConnectionActivity> own : byClient.values()) {
            if (own.size() > biggest.size()) {
                biggest = own;
            }
        }
        return reclaimLongestIdle(biggest, Bound.TOTAL);
    }

    private boolean reclaim(ConnectionActivity connection, Bound reason) {
        return connection.reclaim(closed -> meters.reclaimed(reason), () -> makeRoomAgain(connection, reason));
    }

    /**
     * The connection chosen to make room began a request before its close: while the bound it
     * was chosen for is still passed, another idle one makes the room. A pressure reclaim made
     * room for no one, so nothing takes its place.
     */
    private void makeRoomAgain(ConnectionActivity busy, Bound reason) {
        switch (reason) {
            case MANAGEMENT -> {
                if (staying(management) > budget.maxManagement()) {
                    reclaimLongestIdle(management, reason);
                }
            }
            case PER_CLIENT -> {
                Set<ConnectionActivity> own = byClient.get(busy.client());
                if (own != null && staying(own) > budget.maxPerClient()) {
                    reclaimLongestIdle(own, reason);
                }
            }
            case TOTAL -> {
                if (clientConnections.get() > budget.reclaimAt()) {
                    reclaimNext();
                }
            }
            case PRESSURE -> { }
        }
    }

    /** The connections not on their way out. */
    private static long staying(Collection<ConnectionActivity> connections) {
        return connections.stream().filter(connection -> !connection.reclaiming()).count();
    }

    private void registerClient(ConnectionActivity activity) {
        meters.opened(activity.listener());
        clientConnections.incrementAndGet();
        clients.add(activity);
        byClient.compute(activity.client(), (client, own) -> {
            Set<ConnectionActivity> connections = own == null ? ConcurrentHashMap.newKeySet() : own;
            connections.add(activity);
            return connections;
        });
    }

    private void unregister(ConnectionActivity activity) {
        meters.closed(activity.listener());
        if (activity.listener() == Listener.MANAGEMENT) {
            management.remove(activity);
            return;
        }
        clientConnections.decrementAndGet();
        clients.remove(activity);
        byClient.computeIfPresent(activity.client(), (client, own) -> {
            own.remove(activity);
            return own.isEmpty() ? null : own;
        });
    }

    private void requestSweep() {
        if (sweepRequested.compareAndSet(false, true)) {
            long wait = lastSweep + SWEEP_SPACING_NANOS - System.nanoTime();
            sweeper.schedule(this::sweep, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Counts the idle connections; under pressure closes those idle longer than the pressure
     * idle timeout and lines the rest up for {@link #reclaimNext()}; tells the episode log.
     */
    private void sweep() {
        try {
            sweepRequested.set(false);
            long now = System.nanoTime();
            lastSweep = now;
            Map<Listener, Integer> idleCounts = new EnumMap<>(Listener.class);
            List<Idle> idle = new ArrayList<>();
            for (ConnectionActivity connection : clients) {
                long since = connection.idleSince();
                if (since != ConnectionActivity.BUSY) {
                    idle.add(new Idle(connection, since));
                    idleCounts.merge(connection.listener(), 1, Integer::sum);
                }
            }
            idleCounts.put(Listener.MANAGEMENT, (int) management.stream()
                    .filter(connection -> connection.idleSince() != ConnectionActivity.BUSY).count());
            for (Listener listener : Listener.values()) {
                meters.idle(listener, idleCounts.getOrDefault(listener, 0));
            }
            int open = clientConnections.get();
            boolean underPressure = budget.maxTotal() > 0 && open >= budget.pressureAt();
            reclaimable.clear();
            if (underPressure) {
                List<Idle> younger = new ArrayList<>();
                for (Idle connection : idle) {
                    if (now - connection.since() < pressureIdleNanos || !reclaim(connection.connection(), Bound.PRESSURE)) {
                        younger.add(connection);
                    }
                }
                reclaimable.addAll(ReclaimOrder.of(younger, Idle::client, Idle::since, this::held).stream()
                        .map(Idle::connection).toList());
            }
            int idleClients = idle.size();
            episodes.observe(now, underPressure, meters.refusedCount(), meters.reclaimedCount(),
                    () -> sweepOf(open, idleClients));
        } catch (RuntimeException e) {
            log.warn("The connection sweep failed; it runs again in a second", e);
        }
    }

    private int held(String client) {
        Set<ConnectionActivity> own = byClient.get(client);
        return own == null ? 0 : own.size();
    }

    private ConnectionEpisodes.Sweep sweepOf(int open, int idle) {
        String topClient = "-";
        int topHeld = 0;
        for (Map.Entry<String, Set<ConnectionActivity>> entry : byClient.entrySet()) {
            int held = entry.getValue().size();
            if (held > topHeld) {
                topClient = entry.getKey();
                topHeld = held;
            }
        }
        return new ConnectionEpisodes.Sweep(open, idle, budget.maxTotal(), topClient, topHeld, budget.maxPerClient());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private record Idle(ConnectionActivity connection, long since) {

        String client() {
            return connection.client();
        }
    }
}
