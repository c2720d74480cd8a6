package io.frontdesk.shield;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.frontdesk.config.ShieldProperties.BanProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Banned clients, and the offences that earn a ban (fail2ban's idea inside the gateway): a client
 * with {@code after} offences within {@code within} is banned for {@code duration}, doubled for
 * each ban it had before (up to {@code max-duration}) until its history is forgotten. Looking a
 * client up is one map read; an expired ban is dropped on the way.
 */
public final class BanList implements ClientOffences {

    /** A client's recent offences and earlier bans; guarded by itself. */
    private static final class History {
        private long windowStart;
        private int offences;
        private int bans;
    }

    private final BanProperties settings;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Ban> bans = new ConcurrentHashMap<>();
    private final Cache<String, History> histories;
    private final List<Consumer<Ban>> banListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> liftListeners = new CopyOnWriteArrayList<>();
    private final MeterRegistry registry;
    private final Counter refused;

    BanList(BanProperties settings, LongSupplier clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.histories = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterAccess(settings.forgetAfter())
                .build();
        Gauge.builder("frontdesk.bans.active", bans, ConcurrentHashMap::size)
                .description("Clients banned now (expired bans leave on their next request or listing)")
                .register(registry);
        this.refused = Counter.builder("frontdesk.bans.refused")
                .description("Requests refused because their client is banned or denied").register(registry);
    }

    /** The client's ban in force now, or {@code null}. */
    Ban banOf(String client) {
        Ban ban = bans.get(client);
        if (ban != null && ban.until() <= clock.getAsLong()) {
            bans.remove(client, ban);
            return null;
        }
        return ban;
    }

    void countRefused() {
        refused.increment();
    }

    @Override
    public void offence(String client, String cause, String detail) {
        if (!settings.enabled() || client == null || banOf(client) != null) {
            return;
        }
        History history = histories.get(client, key -> new History());
        int level;
        synchronized (history) {
            long now = clock.getAsLong();
            if (now - history.windowStart > settings.within().toMillis()) {
                history.windowStart = now;
                history.offences = 0;
            }
            if (++history.offences < settings.after()) {
                return;
            }
            history.offences = 0;
            level = history.bans++;
        }
        ban(client, lengthAt(level), level, cause, history(detail, settings.after(), settings.within()));
    }

    private static String history(String detail, int after, Duration within) {
        return after + " offences within " + within.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                + ", the last: " + detail;
    }

    private Duration lengthAt(int level) {
        Duration length = settings.duration();
        for (int i = 0; i < level && length.compareTo(settings.maxDuration()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(settings.maxDuration()) > 0 ? settings.maxDuration() : length;
    }

    /** Bans a client for a time; every listener (other replicas) hears of it. */
    Ban ban(String client, Duration length, int level, String cause, String reason) {
        Ban ban = new Ban(client, clock.getAsLong() + length.toMillis(), level, cause, reason);
        apply(ban);
        Counter.builder("frontdesk.bans").tag("cause", cause).description("Bans this replica issued, by cause")
                .register(registry).increment();
        banListeners.forEach(listener -> listener.accept(ban));
        return ban;
    }

    /** Takes in a ban made elsewhere (another replica, the shared store), telling no one. */
    void apply(Ban ban) {
        bans.put(ban.client(), ban);
        History history = histories.get(ban.client(), key -> new History());
        synchronized (history) {
            history.bans = Math.max(history.bans, ban.level() + 1);
        }
    }

    /** Lifts a ban; every listener hears of it. Whether there was one. */
    boolean lift(String client) {
        boolean lifted = liftQuietly(client);
        liftListeners.forEach(listener -> listener.accept(client));
        return lifted;
    }

    /** Lifts a ban lifted elsewhere, telling no one. */
    boolean liftQuietly(String client) {
        return bans.remove(client) != null;
    }

    /** The bans in force, soonest to end first. */
    List<Ban> list() {
        long now = clock.getAsLong();
        bans.values().removeIf(ban -> ban.until() <= now);
        List<Ban> all = new ArrayList<>(bans.values());
        all.sort(Comparator.comparingLong(Ban::until));
        return all;
    }

    void onBan(Consumer<Ban> listener) {
        banListeners.add(listener);
    }

    void onLift(Consumer<String> listener) {
        liftListeners.add(listener);
    }
}
