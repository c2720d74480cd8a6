package io.frontdesk.redis;

import java.util.function.LongSupplier;

/**
 * Whether Redis answers one user of it. After a failure, requests skip Redis for a second, then
 * one tries again: a Redis that hangs costs one timeout a second, not one per request.
 */
public final class RedisAvailability {

    private static final long RETRY_AFTER_MILLIS = 1000;

    private final LongSupplier clock;
    private volatile long failedAt;
    private volatile String lastError;

    public RedisAvailability(LongSupplier clock) {
        this.clock = clock;
    }

    public boolean worthTrying() {
        long failed = failedAt;
        if (failed == 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (now - failed < RETRY_AFTER_MILLIS) {
            return false;
        }
        failedAt = now;
        return true;
    }

    public void succeeded() {
        if (failedAt != 0) {
            failedAt = 0;
        }
    }

    public void failed(String operation, Throwable error) {
        failedAt = Math.max(1, clock.getAsLong());
        lastError = operation + ": " + error.getMessage();
    }

    /** The last operation failed. */
    public boolean failing() {
        return failedAt != 0;
    }

    public String lastError() {
        return lastError;
    }
}
