package io.frontdesk.waf.engine.body;

import java.util.Locale;

/**
 * The request body processors by name, and the one a Content-Type calls for. Beyond ModSecurity's
 * own choice (URLENCODED and MULTIPART), JSON and XML bodies get their processors too, as the
 * recommended ModSecurity configuration arranges with rules 200000 and 200001.
 */
public final class BodyProcessors {

    private BodyProcessors() {
    }

    /** The processor's name for a Content-Type header, or {@code null} when none reads it. */
    public static String forContentType(String contentType) {
        if (contentType.isEmpty()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        if (type.equals("application/x-www-form-urlencoded")) {
            return "URLENCODED";
        }
        if (type.equals("multipart/form-data")) {
            return "MULTIPART";
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return "JSON";
        }
        if (type.equals("text/xml") || type.equals("application/xml") || type.endsWith("+xml")) {
            return "XML";
        }
        return null;
    }

    /** The processor of that name ({@code URLENCODED}, {@code MULTIPART}, {@code JSON}, {@code XML}), or {@code null}. */
    public static BodyProcessor named(String name, char argumentSeparator) {
        switch (name) {
            case "URLENCODED":
                return new UrlEncodedProcessor(argumentSeparator);
            case "MULTIPART":
                return new MultipartProcessor();
            case "JSON":
                return new JsonProcessor();
            case "XML":
                return new XmlProcessor();
            default:
                return null;
        }
    }
}
