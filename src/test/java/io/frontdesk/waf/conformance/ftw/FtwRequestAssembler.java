package io.frontdesk.waf.conformance.ftw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Python ftw does to a stage's request before writing it: unless {@code stop_magic}, a
 * body gets a form Content-Type when the header map has no key spelt {@code Content-Type}, is
 * re-encoded as {@code urlencode(parse_qsl(data))} when that type is exactly the form type and
 * the body holds no %XX escape, and gets a Content-Length counted in characters. The request is
 * then encoded as UTF-8. See docs/crs-regression-format.md.
 */
final class FtwRequestAssembler {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    /** The charset parameter as ftw finds it in the Content-Type. */
    private static final Pattern CHARSET = Pattern.compile(";\\s??charset=(.*?)(?:$|;|\\s)");

    private FtwRequestAssembler() {
    }

    /** Headers and data are text as YAML gives them; the result is in UTF-8 byte strings. */
    static StageInput.Composed assemble(String method, String uri, String version, List<Header> headers, String data,
            boolean stopMagic) {
        Map<String, String> sent = new LinkedHashMap<>();
        headers.forEach(header -> sent.put(header.name(), header.value()));
        String body = data;
        if (!body.isEmpty() && !stopMagic) {
            sent.putIfAbsent("Content-Type", FORM);
            if (sent.get("Content-Type").equals(FORM) && !PERCENT_ESCAPE.matcher(body).find()) {
                body = urlencodeParsedPairs(body);
            }
            sent.putIfAbsent("Content-Length", Integer.toString(body.codePointCount(0, body.length())));
            refuseCharsetOtherThanUtf8(sent.get("Content-Type"), body);
        }
        List<Header> encoded = new ArrayList<>();
        sent.forEach((name, value) -> encoded.add(new Header(ByteStrings.utf8(name), ByteStrings.utf8(value))));
        return new StageInput.Composed(ByteStrings.utf8(method), ByteStrings.utf8(uri), ByteStrings.utf8(version),
                encoded, ByteStrings.utf8(body));
    }

    /**
     * Python's {@code urlencode(parse_qsl(data))}: pieces between {@code &} that lack {@code =} or
     * have an empty value are dropped, {@code +} reads as a space; when nothing is left the data
     * stays as it was.
     */
    private static String urlencodeParsedPairs(String data) {
        List<String> pairs = new ArrayList<>();
        for (String piece : data.split("&", -1)) {
            int equals = piece.indexOf('=');
            if (equals < 0 || equals == piece.length() - 1) {
                continue;
            }
            pairs.add(escape(piece.substring(0, equals)) + "=" + escape(piece.substring(equals + 1)));
        }
        return pairs.isEmpty() ? data : String.join("&", pairs);
    }

    private static String escape(String text) {
        return FormEscaping.escape(ByteStrings.utf8(text.replace('+', ' ')));
    }

    /**
     * ftw encodes the body in the Content-Type's charset; for ASCII bodies (all of CRS v3.3) any
     * charset it knows gives the UTF-8 bytes used here, so only other bodies are refused.
     */
    private static void refuseCharsetOtherThanUtf8(String contentType, String body) {
        if (body.chars().allMatch(c -> c < 0x80)) {
            return;
        }
        Matcher charset = CHARSET.matcher(contentType);
        if (charset.find() && !charset.group(1).replace('-', '_').equalsIgnoreCase("utf_8")) {
            throw new FtwFormatException("non-ASCII data with charset " + charset.group(1) + " is not supported");
        }
    }
}
