package io.frontdesk.shield;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning when connections start being refused, reclaimed or crowd towards the bound, and
 * one line when that episode is over (below the pressure mark, nothing refused or reclaimed for
 * {@link #QUIET}), never a line per connection: a flood would otherwise flood the log too.
 * Told what the sweep saw, once a second, from one thread.
 */
final class ConnectionEpisodes {

    static final Duration QUIET = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimits.class);

    private boolean inEpisode;
    private long startedAt;
    private long lastTurnedAwayAt;
    private long refusedBefore;
    private long reclaimedBefore;
    private long lastRefused;
    private long lastReclaimed;

    /**
     * @param now the sweep's time, {@link System#nanoTime()}
     * @param underPressure whether client connections are at the pressure mark or above
     * @param refused connections refused since start-up
     * @param reclaimed connections reclaimed since start-up
     * @param counted what the sweep counted, for the message (asked for only when one is written)
     */
    void observe(long now, boolean underPressure, long refused, long reclaimed, Supplier<Sweep> counted) {
        boolean turnedAway = refused != lastRefused || reclaimed != lastReclaimed;
        if (turnedAway) {
            lastTurnedAwayAt = now;
        }
        if (!inEpisode && (underPressure || turnedAway)) {
            inEpisode = true;
            startedAt = now;
            refusedBefore = lastRefused;
            reclaimedBefore = lastReclaimed;
            Sweep sweep = counted.get();
            log.warn("Connection flood: {} client connections open ({} idle, max-total {}), {} refused and {} idle"
                    + " ones reclaimed in the last second; most from one address: {} ({}, max-per-client {}). Idle keep-alive"
                    + " connections are closed from the biggest holders down; logged once until it is over,"
                    + " frontdesk_connections_* counts it", sweep.open(), sweep.idle(), limit(sweep.maxTotal()),
                    refused - lastRefused, reclaimed - lastReclaimed, sweep.topClient(), sweep.topHeld(),
                    limit(sweep.maxPerClient()));
        } else if (inEpisode && !underPressure && now - lastTurnedAwayAt >= QUIET.toNanos()) {
            inEpisode = false;
            log.info("Connection flood over after {} s: {} connections refused and {} reclaimed; {} client"
                    + " connections open", Duration.ofNanos(now - startedAt).toSeconds(), refused - refusedBefore,
                    reclaimed - reclaimedBefore, counted.get().open());
        }
        lastRefused = refused;
        lastReclaimed = reclaimed;
    }

    private static String limit(int bound) {
        return bound == 0 ? "none" : Integer.toString(bound);
    }

    /**
     * What one sweep counted over the client listeners.
     *
     * @param topClient the address holding the most connections, "-" when none
     */
    record Sweep(int open, int idle, int maxTotal, String topClient, int topHeld, int maxPerClient) {
    }
}
