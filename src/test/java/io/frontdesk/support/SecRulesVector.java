package io.frontdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One vector of the SecRules language tests: a transformation ({@code "type": "tfn"}) with its
 * {@code input} and expected {@code output}, or an operator ({@code "type": "op"}) with its
 * {@code param}, {@code input}, expected result {@code ret} and, for {@code @rx}, the expected
 * captures {@code re_groups}.
 *
 * <p>Values are byte strings, one char per byte, read as ModSecurity's unit-test runner reads them:
 * the JSON text's UTF-8 bytes up to the first NUL (it reads each as a C string), in which
 * {@code input} and {@code output} (not {@code param}) spell bytes as {@code \xHH} and as a
 * backslash, {@code u} and four hex digits (whose low byte counts).
 */
public record SecRulesVector(String file, int index, String name, String param, String input, String output,
        int ret, List<String> captures) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The runner's two escapes, each read in turn over the whole text: first {@code \x}, then {@code u}. */
    private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\x([a-zA-Z0-9]{2})");
    private static final Pattern WIDE_ESCAPE = Pattern.compile("\\\\u([a-zA-Z0-9]{4})");

    /** The vectors of one file ({@code transformations/x.json} or {@code operators/x.json}), in order. */
    public static List<SecRulesVector> read(Path file) {
        JsonNode vectors;
        try {
            vectors = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SecRulesVector> read = new ArrayList<>();
        for (JsonNode vector : vectors) {
            List<String> captures = vector.has("re_groups")
                    ? vector.get("re_groups").valueStream().map(group -> bytes(group.asString())).toList()
                    : null;
            read.add(new SecRulesVector(file.getFileName().toString(), read.size(), vector.get("name").asString(),
                    vector.has("param") ? bytes(text(vector, "param")) : "", unescaped(text(vector, "input")),
                    unescaped(text(vector, "output")), vector.get("ret").asInt(), captures));
        }
        return read;
    }

    /** The vector files of one kind ({@code transformations} or {@code operators}), by name. */
    public static Stream<Path> files(String kind) {
        try (Stream<Path> listing = Files.list(ReferenceVectors.secRulesLanguageTests().resolve(kind))) {
            return listing.filter(path -> path.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A readable name: file, index, and the input with its control and high bytes spelled out. */
    public String displayName() {
        return file + "[" + index + "] " + visible(input);
    }

    /** The text with control and non-ASCII bytes as {@code \xHH}, for failure messages. */
    public static String visible(String bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return shown.toString();
    }

    private static String text(JsonNode vector, String field) {
        return vector.has(field) ? vector.get(field).asString() : null;
    }

    private static String bytes(String text) {
        if (text == null) {
            return null;
        }
        int nul = text.indexOf('\0');
        String string = nul < 0 ? text : text.substring(0, nul);
        return new String(string.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String unescaped(String text) {
        return text == null ? null : replaced(replaced(bytes(text), HEX_ESCAPE), WIDE_ESCAPE);
    }

    /**
     * The runner replaces the first escape it finds everywhere it occurs, then looks again from the
     * start, so a replacement may make a new escape. It reads the hex digits the escape begins with;
     * one that begins with none (as {@code \xga}) stands for the byte of the escape before it, as
     * the runner's variable keeps its last value.
     */
    private static String replaced(String text, Pattern escape) {
        String result = text;
        int last = 0;
        Matcher matcher = escape.matcher(result);
        while (matcher.find()) {
            int value = leadingHex(matcher.group(1));
            last = value < 0 ? last : value & 0xFF;
            result = result.replace(matcher.group(), String.valueOf((char) last));
            matcher = escape.matcher(result);
        }
        return result;
    }

    /** The value of the hexadecimal digits the text begins with, or -1 if it begins with none. */
    private static int leadingHex(String digits) {
        int value = -1;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                break;
            }
            value = (value < 0 ? 0 : value << 4) + digit;
        }
        return value;
    }
}
