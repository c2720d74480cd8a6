package io.frontdesk.shield;

/**
 * The generic cell rate algorithm: a token bucket kept as one number per key, its theoretical
 * arrival time (TAT). Each request moves the TAT one interval later; a request passes when the
 * TAT then lies no further ahead than the burst allows.
 */
final class Gcra {

    private Gcra() {
    }

    /** The TAT after an allowed request; callers store it only when {@code decision.allowed()}. */
    record Step(long newTat, Decision decision) {
    }

    static Step step(long tat, long now, long interval, long burst) {
        long capacity = interval * burst;
        long newTat = Math.max(tat, now) + interval;
        long allowAt = newTat - capacity;
        if (now < allowAt) {
            return new Step(tat, new Decision(false, 0, Math.max(0, tat - now), allowAt - now));
        }
        return new Step(newTat, new Decision(true, (capacity - (newTat - now)) / interval, newTat - now, 0));
    }
}
