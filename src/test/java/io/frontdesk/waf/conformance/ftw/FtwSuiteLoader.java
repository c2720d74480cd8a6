package io.frontdesk.waf.conformance.ftw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a CRS v3.3 regression test file (the Python ftw's format) into the model. */
public final class FtwSuiteLoader {

    private static final Set<String> TEST_FIELDS = Set.of("test_title", "desc", "stages");
    private static final Set<String> INPUT_FIELDS = Set.of("dest_addr", "port", "protocol", "uri", "version",
            "method", "headers", "data", "stop_magic", "save_cookie", "encoded_request", "raw_request");

    private FtwSuiteLoader() {
    }

    public static SuiteFile load(Path file) throws IOException {
        YamlNode root = YamlNode.read(file).orElseThrow(() -> new FtwFormatException(file + ": empty test file"));
        int ruleId = RuleIds.fromFileName(file);
        boolean enabled = root.field("meta").flatMap(meta -> meta.field("enabled")).map(YamlNode::bool).orElse(true);
        List<YamlNode> testNodes = root.field("tests").map(YamlNode::items).orElse(List.of());
        List<RegressionTest> tests = new ArrayList<>();
        for (int i = 0; i < testNodes.size(); i++) {
            tests.add(test(ruleId, i + 1, testNodes.get(i)));
        }
        return new SuiteFile(file, SuiteFormat.FTW, ruleId, enabled, tests);
    }

    private static RegressionTest test(int ruleId, int position, YamlNode node) {
        Map<String, YamlNode> fields = node.entries(TEST_FIELDS);
        String title = node.field("test_title").map(YamlNode::text)
                .orElseThrow(() -> node.error("test without test_title"));
        String description = Optional.ofNullable(fields.get("desc")).map(YamlNode::text).orElse("");
        List<Stage> stages = new ArrayList<>();
        List<YamlNode> stageNodes = node.field("stages").map(YamlNode::items).orElse(List.of());
        for (int i = 0; i < stageNodes.size(); i++) {
            YamlNode wrapper = stageNodes.get(i);
            YamlNode stage = wrapper.entries(Set.of("stage")).get("stage");
            if (stage == null) {
                throw wrapper.error("stage entry without 'stage'");
            }
            stage.entries(Set.of("input", "output"));
            YamlNode output = stage.field("output").orElseThrow(() -> stage.error("stage without output"));
            stages.add(new Stage(i, input(stage.field("input").orElseThrow(() -> stage.error("stage without input"))),
                    StageOutputReader.read(Optional.of(output))));
        }
        return new RegressionTest(ruleId, position, title, description, stages);
    }

    private static StageInput input(YamlNode node) {
        node.entries(INPUT_FIELDS);
        String protocol = node.field("protocol").map(YamlNode::text).orElse("http");
        if (!protocol.equals("http")) {
            throw node.error("protocol " + protocol + " is not supported");
        }
        if (node.field("save_cookie").map(YamlNode::bool).orElse(false)) {
            throw node.error("save_cookie is not supported");
        }
        Optional<YamlNode> encoded = node.field("encoded_request");
        Optional<YamlNode> raw = node.field("raw_request");
        if (encoded.isPresent() && raw.isPresent()) {
            throw node.error("raw_request and encoded_request must not be set together");
        }
        if (encoded.isPresent()) {
            return new StageInput.Raw(ByteStrings.of(Base64.getMimeDecoder().decode(encoded.get().text())));
        }
        if (raw.isPresent()) {
            return new StageInput.Raw(rawRequest(raw.get()));
        }
        boolean stopMagic = node.field("stop_magic").map(YamlNode::bool).orElse(false);
        return FtwRequestAssembler.assemble(text(node, "method", "GET"), text(node, "uri", "/"),
                text(node, "version", "HTTP/1.1"), headers(node), data(node), stopMagic);
    }

    private static String text(YamlNode node, String field, String absent) {
        return node.field(field).map(YamlNode::text).orElse(absent);
    }

    /** The {@code headers} mapping in file order; ftw would send a null value as "None", so none is allowed. */
    private static List<Header> headers(YamlNode node) {
        List<Header> headers = new ArrayList<>();
        node.field("headers").map(YamlNode::entries).orElse(Map.of()).forEach((name, value) -> {
            if (value.isNull()) {
                throw value.error("header " + name + " without a value");
            }
            headers.add(new Header(name, value.text()));
        });
        return headers;
    }

    /** A string, or a list of lines that ftw joins with CRLF. */
    private static String data(YamlNode node) {
        return node.field("data").map(value -> value.isSequence()
                ? String.join("\r\n", value.items().stream().map(YamlNode::text).toList())
                : value.text()).orElse("");
    }

    /**
     * ftw encodes the string as UTF-8, reads those bytes back through Python's unicode_escape
     * codec (Latin-1 plus backslash escapes) and encodes the result as UTF-8 again. Without a
     * backslash that is UTF-8 applied twice; backslash escapes are not supported.
     */
    private static String rawRequest(YamlNode node) {
        String once = ByteStrings.utf8(node.text());
        if (once.indexOf('\\') >= 0) {
            throw node.error("raw_request with backslash escapes is not supported");
        }
        return ByteStrings.utf8(once);
    }
}
