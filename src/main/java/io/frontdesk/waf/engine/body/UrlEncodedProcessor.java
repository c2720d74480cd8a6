package io.frontdesk.waf.engine.body;

/** URLENCODED: the body holds {@code name=value} pairs, as a query string does. */
public final class UrlEncodedProcessor implements BodyProcessor {

    private final char separator;

    public UrlEncodedProcessor(char separator) {
        this.separator = separator;
    }

    @Override
    public void process(String body, String contentType, ParsedBody parsed) {
        UrlEncodedFields.split(body, separator, parsed::argument);
    }
}
