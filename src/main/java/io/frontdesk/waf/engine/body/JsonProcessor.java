package io.frontdesk.waf.engine.body;

/**
 * JSON ({@code application/json} and the {@code +json} types): every string, number, boolean and
 * null is an argument, named as ModSecurity v3 names it: {@code {"a":{"b":[1]}}} gives
 * {@code json.a.b.array_0}. An empty body is no document and no error, as in ModSecurity.
 */
public final class JsonProcessor implements BodyProcessor {

    /** ModSecurity v3's default for SecRequestBodyJsonDepthLimit. */
    public static final int DEFAULT_DEPTH_LIMIT = 10_000;

    private final int depthLimit;

    public JsonProcessor() {
        this(DEFAULT_DEPTH_LIMIT);
    }

    /** @param depthLimit how many objects and arrays may be open at once (SecRequestBodyJsonDepthLimit) */
    public JsonProcessor(int depthLimit) {
        if (depthLimit < 1) {
            throw new IllegalArgumentException("the JSON depth limit must be at least 1: " + depthLimit);
        }
        this.depthLimit = depthLimit;
    }

    @Override
    public void process(String body, String contentType, ParsedBody parsed) {
        if (!body.isEmpty()) {
            new JsonReader(body, depthLimit, parsed).read();
        }
    }
}
