package io.frontdesk.waf.engine.body;

/**
 * The characters a body processor may spend on names it builds (JSON argument names, XML element
 * paths): a megabyte plus 64 per byte of body. Names grow with nesting, so without a cap a small,
 * deep document could make names, and the rules that read them, cost far more than the body.
 */
final class NameBudget {

    private static final long FLOOR = 1L << 20;
    private static final long PER_BODY_BYTE = 64;

    private final long limit;
    private long spent;

    NameBudget(int bodyLength) {
        limit = FLOOR + PER_BODY_BYTE * bodyLength;
    }

    /** Spends {@code characters}; {@code false} once the budget is exceeded. */
    boolean spend(long characters) {
        spent += characters;
        return spent <= limit;
    }

    long limit() {
        return limit;
    }
}
