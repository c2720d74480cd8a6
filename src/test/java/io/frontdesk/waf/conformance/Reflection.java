package io.frontdesk.waf.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.frontdesk.waf.conformance.ftw.ByteStrings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend CRS's response tests expect (the "albedo" test server): {@code POST /reflect} with
 * a JSON body {@code {"status": 200, "headers": {...}, "body": "...", "encodedBody": "base64"}}
 * is answered with that status, those headers and that body; any other request with 200 and a
 * short text. Bodies are byte strings.
 */
record Reflection(int status, Map<String, String> headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Reflection answer(String method, String target, String body) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (!method.equals("POST") || !path.equals("/reflect")) {
            return new Reflection(200, Map.of("Content-Type", "text/plain; charset=utf-8"), "ok");
        }
        JsonNode spec;
        try {
            spec = JSON.readTree(ByteStrings.bytes(body));
        } catch (RuntimeException e) {
            return new Reflection(400, Map.of("Content-Type", "text/plain; charset=utf-8"), "bad reflect spec");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        spec.path("headers").properties().forEach(entry -> headers.put(entry.getKey(),
                ByteStrings.utf8(entry.getValue().asString())));
        String reflected = spec.has("encodedBody")
                ? ByteStrings.of(Base64.getDecoder().decode(spec.path("encodedBody").asString()))
                : ByteStrings.of(spec.path("body").asString("").getBytes(StandardCharsets.UTF_8));
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", "text/plain; charset=utf-8");
        }
        return new Reflection(spec.path("status").asInt(200), headers, reflected);
    }
}
