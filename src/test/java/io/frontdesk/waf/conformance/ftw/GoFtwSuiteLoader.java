package io.frontdesk.waf.conformance.ftw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a CRS v4 regression test file (go-ftw's format) into the model. */
public final class GoFtwSuiteLoader {

    private static final Set<String> TEST_FIELDS = Set.of("test_id", "id", "desc", "description", "tags", "stages");
    private static final Set<String> STAGE_FIELDS = Set.of("description", "input", "output");
    private static final Set<String> INPUT_FIELDS = Set.of("dest_addr", "port", "protocol", "uri", "version",
            "method", "headers", "ordered_headers", "data", "encoded_data", "encoded_request", "autocomplete_headers",
            "stop_magic", "save_cookie", "virtual_host_mode", "follow_redirect", "response");

    private GoFtwSuiteLoader() {
    }

    public static SuiteFile load(Path file) throws IOException {
        Optional<YamlNode> root = YamlNode.read(file);
        int ruleId = root.flatMap(node -> node.field("rule_id")).map(YamlNode::integer).filter(id -> id > 0)
                .orElseGet(() -> RuleIds.fromFileName(file));
        List<YamlNode> testNodes = root.flatMap(node -> node.field("tests")).map(YamlNode::items).orElse(List.of());
        List<RegressionTest> tests = new ArrayList<>();
        for (int i = 0; i < testNodes.size(); i++) {
            tests.add(test(ruleId, i + 1, testNodes.get(i)));
        }
        return new SuiteFile(file, SuiteFormat.GO_FTW, ruleId, true, tests);
    }

    private static RegressionTest test(int ruleId, int position, YamlNode node) {
        Map<String, YamlNode> fields = node.entries(TEST_FIELDS);
        int number = Optional.ofNullable(fields.getOrDefault("id", fields.get("test_id"))).map(YamlNode::integer)
                .filter(id -> id > 0).orElse(position);
        String description = Optional.ofNullable(fields.getOrDefault("description", fields.get("desc")))
                .map(YamlNode::text).orElse("");
        List<Stage> stages = new ArrayList<>();
        List<YamlNode> stageNodes = node.field("stages").map(YamlNode::items).orElse(List.of());
        for (int i = 0; i < stageNodes.size(); i++) {
            YamlNode stage = stageNodes.get(i);
            stage.entries(STAGE_FIELDS);
            stages.add(new Stage(i, input(stage.field("input").orElseThrow(() -> stage.error("stage without input"))),
                    StageOutputReader.read(stage.field("output"))));
        }
        return new RegressionTest(ruleId, number, ruleId + "-" + number, description, stages);
    }

    private static StageInput input(YamlNode node) {
        node.entries(INPUT_FIELDS);
        refuseUnsupported(node);
        String data = node.field("data").map(value -> ByteStrings.utf8(GoDataTemplate.expand(value.text())))
                .or(() -> node.field("encoded_data").map(GoFtwSuiteLoader::base64)).orElse("");
        Optional<YamlNode> encodedRequest = node.field("encoded_request").filter(value -> !value.text().isEmpty());
        if (encodedRequest.isPresent()) {
            if (!data.isEmpty()) {
                throw node.error("'data' and 'encoded_request' must not be set together");
            }
            return new StageInput.Raw(base64(encodedRequest.get()));
        }
        boolean autocomplete = node.field("autocomplete_headers").map(YamlNode::bool)
                .orElseGet(() -> !node.field("stop_magic").map(YamlNode::bool).orElse(false));
        return GoFtwRequestAssembler.assemble(text(node, "method", "GET"), text(node, "uri", "/"),
                text(node, "version", "HTTP/1.1"), headers(node), data, autocomplete);
    }

    private static void refuseUnsupported(YamlNode node) {
        if (node.field("follow_redirect").map(YamlNode::bool).orElse(false)) {
            throw node.error("follow_redirect is not supported");
        }
        if (node.field("response").isPresent()) {
            throw node.error("a backend 'response' is not supported");
        }
        String protocol = node.field("protocol").map(YamlNode::text).orElse("http");
        if (!protocol.equals("http")) {
            throw node.error("protocol " + protocol + " is not supported");
        }
    }

    private static String text(YamlNode node, String field, String absent) {
        return node.field(field).map(value -> ByteStrings.utf8(value.text())).orElse(absent);
    }

    /** {@code ordered_headers} as listed; else the {@code headers} mapping sorted by name, as go-ftw sends it. */
    private static List<Header> headers(YamlNode node) {
        Optional<YamlNode> ordered = node.field("ordered_headers");
        if (ordered.isPresent()) {
            return ordered.get().items().stream().map(item -> {
                Map<String, YamlNode> tuple = item.entries(Set.of("name", "value"));
                return new Header(ByteStrings.utf8(text(tuple.get("name"))),
                        ByteStrings.utf8(text(tuple.get("value"))));
            }).toList();
        }
        List<Header> headers = new ArrayList<>();
        node.field("headers").map(YamlNode::entries).orElse(Map.of()).forEach(
                (name, value) -> headers.add(new Header(ByteStrings.utf8(name), ByteStrings.utf8(value.text()))));
        headers.sort(Comparator.comparing(Header::name));
        return headers;
    }

    private static String text(YamlNode node) {
        return node == null ? "" : node.text();
    }

    private static String base64(YamlNode node) {
        try {
            return ByteStrings.of(Base64.getMimeDecoder().decode(node.text()));
        } catch (IllegalArgumentException e) {
            throw node.error("not base64: " + e.getMessage());
        }
    }
}
