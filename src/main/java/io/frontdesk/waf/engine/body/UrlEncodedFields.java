package io.frontdesk.waf.engine.body;

import java.util.function.BiConsumer;

import io.frontdesk.waf.engine.transform.Transformations;
import io.frontdesk.waf.engine.transform.Transformation;

/**
 * Splits {@code a=1&b=2} into names and values, each URL-decoded ({@code +} is a space, a stray
 * {@code %} stays): the query string's arguments, and those of a URL-encoded body. A piece without
 * {@code =} is a name with an empty value; empty pieces are skipped.
 */
public final class UrlEncodedFields {

    private static final Transformation DECODE = Transformations.named("urlDecode");

    private UrlEncodedFields() {
    }

    public static void split(String text, char separator, BiConsumer<String, String> field) {
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf(separator, start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = text.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    field.accept(DECODE.apply(text.substring(start, end)), "");
                } else {
                    field.accept(DECODE.apply(text.substring(start, equals)),
                            DECODE.apply(text.substring(equals + 1, end)));
                }
            }
            start = end + 1;
        }
    }
}
