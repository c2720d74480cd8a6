package io.frontdesk.waf.detect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One stage of a CRS regression test, in the go-ftw format of CRS v4 ({@code expect_ids},
 * {@code no_expect_ids}) or the ftw format of v3 ({@code log_contains: id "942100"},
 * {@code no_log_contains}): its request (null when the test sends raw bytes), and the rule ids it
 * expects to fire and not to fire.
 */
record CrsTestStage(String name, CrsRequest request, Set<String> expected, Set<String> unexpected) {

    private static final Pattern LOGGED_ID = Pattern.compile("id \"(\\d+)\"");

    static List<CrsTestStage> read(Path file) throws IOException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        List<CrsTestStage> stages = new ArrayList<>();
        if (root == null || !(root.get("tests") instanceof List<?> tests)) {
            return stages;
        }
        for (Object test : tests) {
            Map<?, ?> fields = (Map<?, ?>) test;
            Object id = fields.containsKey("test_id") ? fields.get("test_id") : fields.get("test_title");
            int number = 0;
            for (Object stage : (List<?>) fields.get("stages")) {
                Map<?, ?> body = (Map<?, ?>) stage;
                if (body.get("stage") instanceof Map<?, ?> v3) {
                    body = v3;
                }
                stages.add(of(file.getFileName() + " " + id + "/" + ++number, body));
            }
        }
        return stages;
    }

    private static CrsTestStage of(String name, Map<?, ?> stage) {
        Map<?, ?> input = map(stage.get("input"));
        Map<?, ?> output = map(stage.get("output"));
        Map<?, ?> log = map(output.get("log"));
        Set<String> expected = ids(log.get("expect_ids"));
        Set<String> unexpected = ids(log.get("no_expect_ids"));
        expected.addAll(loggedIds(output.get("log_contains")));
        unexpected.addAll(loggedIds(output.get("no_log_contains")));
        boolean raw = input.containsKey("encoded_request") || input.containsKey("raw_request");
        return new CrsTestStage(name, raw ? null : request(input), expected, unexpected);
    }

    private static CrsRequest request(Map<?, ?> input) {
        Map<String, String> headers = new HashMap<>();
        map(input.get("headers")).forEach((key, value) -> headers.put(String.valueOf(key), asBytes(String.valueOf(value))));
        Object data = input.get("data");
        String body = data instanceof List<?> lines ? String.join("\r\n", lines.stream().map(String::valueOf).toList())
                : data == null ? null : String.valueOf(data);
        return new CrsRequest(asBytes((String) input.get("uri")), headers, asBytes(body));
    }

    /** The YAML's text as the bytes a test client sends: UTF-8, one char a byte. */
    private static String asBytes(String text) {
        return text == null ? null : new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Set<String> ids(Object list) {
        Set<String> ids = new LinkedHashSet<>();
        if (list instanceof List<?> values) {
            values.forEach(value -> ids.add(String.valueOf(value)));
        }
        return ids;
    }

    private static Set<String> loggedIds(Object pattern) {
        Set<String> ids = new LinkedHashSet<>();
        if (pattern != null) {
            Matcher matcher = LOGGED_ID.matcher(String.valueOf(pattern));
            while (matcher.find()) {
                ids.add(matcher.group(1));
            }
        }
        return ids;
    }
}
