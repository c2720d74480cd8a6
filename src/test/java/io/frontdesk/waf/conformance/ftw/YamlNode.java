package io.frontdesk.waf.conformance.ftw;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of a YAML document read without type resolution: a scalar is the text written, as when
 * go-ftw decodes it into a string field ({@code Content-Length: 0} is the text {@code 0}). Errors
 * name the file and line.
 */
final class YamlNode {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final Node node;
    private final Path file;

    private YamlNode(Node node, Path file) {
        this.node = node;
        this.file = file;
    }

    /** The document of a file; empty when the file holds no document (only comments, say). */
    static Optional<YamlNode> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    static Optional<YamlNode> parse(String text, Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            return Optional.ofNullable(root).map(node -> new YamlNode(node, file)).filter(node -> !node.isNull());
        } catch (YAMLException e) {
            throw new FtwFormatException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    FtwFormatException error(String message) {
        return new FtwFormatException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    boolean isNull() {
        return node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
                && NULLS.contains(scalar.getValue());
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping in document order; a key written twice is an error. */
    Map<String, YamlNode> entries() {
        if (isNull()) {
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping");
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(tuple.getKeyNode(), file);
            if (entries.put(key.text(), new YamlNode(tuple.getValueNode(), file)) != null) {
                throw key.error("key '" + key.text() + "' written twice");
            }
        }
        return entries;
    }

    /** The entries of a mapping, refusing keys outside {@code known}. */
    Map<String, YamlNode> entries(Set<String> known) {
        Map<String, YamlNode> entries = entries();
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                throw error("unknown field '" + key + "'");
            }
        }
        return entries;
    }

    /** A mapping's value for {@code key}, empty when missing or null. */
    Optional<YamlNode> field(String key) {
        return Optional.ofNullable(entries().get(key)).filter(value -> !value.isNull());
    }

    List<YamlNode> items() {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlNode(item, file));
        }
        return items;
    }

    /** The scalar's text; a null is the empty text. */
    String text() {
        if (isNull()) {
            return "";
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value");
        }
        return scalar.getValue();
    }

    int integer() {
        try {
            return Integer.parseInt(text().strip());
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + text() + "'");
        }
    }

    /** A number or a list of numbers. */
    List<Integer> integers() {
        if (!isSequence()) {
            return List.of(integer());
        }
        return items().stream().map(YamlNode::integer).toList();
    }

    /** YAML 1.1 booleans, as go-ftw accepts them for its boolean fields. */
    boolean bool() {
        switch (text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on":
                return true;
            case "false", "no", "off":
                return false;
            default:
                throw error("expected true or false, found '" + text() + "'");
        }
    }
}
