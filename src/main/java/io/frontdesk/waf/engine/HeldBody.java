package io.frontdesk.waf.engine;

/** A request or response body held for inspection, up to a limit; what comes past it is dropped and noted. */
final class HeldBody {

    private final StringBuilder bytes = new StringBuilder();
    private boolean overLimit;

    /** Adds bytes (one char each) up to {@code limit} in all; returns whether more would be held. */
    boolean append(String more, long limit) {
        long room = limit - bytes.length();
        if (more.length() > room) {
            bytes.append(more, 0, (int) Math.max(0, room));
            overLimit = true;
            return false;
        }
        bytes.append(more);
        return true;
    }

    boolean overLimit() {
        return overLimit;
    }

    @Override
    public String toString() {
        return bytes.toString();
    }
}
