package io.frontdesk.waf.conformance.ftw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CRS {@code <platform>-overrides.yaml} file (coraza, httpd, nginx): the tests whose expected
 * output differs on that engine and platform, each with a reason. A conformance test chooses
 * which to honour; go-ftw would apply them all, the last matching entry winning.
 */
public record PlatformOverrides(Path path, String engine, String platform, List<TestOverride> overrides) {

    private static final Set<String> FIELDS = Set.of("version", "meta", "test_overrides");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("rule_id", "test_ids", "stage_ids", "reason",
            "retry_once", "output");

    public PlatformOverrides {
        overrides = List.copyOf(overrides);
    }

    public static PlatformOverrides load(Path file) throws IOException {
        YamlNode root = YamlNode.read(file).orElseThrow(() -> new FtwFormatException(file + ": empty overrides file"));
        root.entries(FIELDS);
        Optional<YamlNode> meta = root.field("meta");
        List<TestOverride> overrides = root.field("test_overrides").map(YamlNode::items).orElse(List.of()).stream()
                .map(PlatformOverrides::override).toList();
        return new PlatformOverrides(file, metaText(meta, "engine"), metaText(meta, "platform"), overrides);
    }

    /** The last entry covering the stage, as go-ftw applies them in order. */
    public Optional<TestOverride> find(RegressionTest test, Stage stage) {
        Optional<TestOverride> found = Optional.empty();
        for (TestOverride override : overrides) {
            if (override.covers(test, stage)) {
                found = Optional.of(override);
            }
        }
        return found;
    }

    private static TestOverride override(YamlNode node) {
        Map<String, YamlNode> fields = node.entries(OVERRIDE_FIELDS);
        YamlNode ruleId = fields.get("rule_id");
        if (ruleId == null) {
            throw node.error("override without rule_id");
        }
        return new TestOverride(ruleId.integer(), numbers(node, "test_ids"), numbers(node, "stage_ids"),
                node.field("reason").map(YamlNode::text).orElse(""),
                node.field("retry_once").map(YamlNode::bool).orElse(false),
                StageOutputReader.read(node.field("output")));
    }

    private static List<Integer> numbers(YamlNode node, String field) {
        return node.field(field).map(YamlNode::integers).orElse(List.of());
    }

    private static String metaText(Optional<YamlNode> meta, String field) {
        return meta.flatMap(node -> node.field(field)).map(YamlNode::text).orElse("");
    }
}
