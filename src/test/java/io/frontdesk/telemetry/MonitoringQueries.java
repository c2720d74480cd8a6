package io.frontdesk.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names the shipped monitoring reads: every PromQL expression of the Grafana
 * dashboards in {@code grafana/*.json} (panel queries and variable queries) and of the alert
 * rule files in {@code prometheus/} (their unit tests, {@code *.test.yml}, excepted), each name
 * with the files that use it.
 */
final class MonitoringQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Set<String>> usedBy = new TreeMap<>();

    static MonitoringQueries read(Path project) {
        MonitoringQueries queries = new MonitoringQueries();
        for (Path dashboard : files(project.resolve("grafana"), ".json")) {
            queries.readDashboard(dashboard);
        }
        for (Path rules : files(project.resolve("prometheus"), ".yml")) {
            if (!rules.getFileName().toString().endsWith(".test.yml")) {
                queries.readRules(rules);
            }
        }
        return queries;
    }

    /** Metric name to the files that read it. */
    Map<String, Set<String>> usedBy() {
        return usedBy;
    }

    Set<String> files() {
        Set<String> files = new TreeSet<>();
        usedBy.values().forEach(files::addAll);
        return files;
    }

    private void readDashboard(Path file) {
        JsonNode dashboard = JSON.readTree(text(file));
        collectExpressions(dashboard, file);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString("") : query.asString("");
            if (variable.path("type").asString("").equals("query") && !text.isBlank()) {
                add(PromQlMetricNames.ofVariableQuery(text), file);
            }
        }
    }

    private void collectExpressions(JsonNode node, Path file) {
        if (node.isObject()) {
            JsonNode expression = node.get("expr");
            if (expression != null && expression.isString()) {
                add(PromQlMetricNames.of(expression.stringValue()), file);
            }
        }
        node.values().forEach(child -> collectExpressions(child, file));
    }

    @SuppressWarnings("unchecked")
    private void readRules(Path file) {
        Map<String, Object> document = new Yaml().load(text(file));
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                add(PromQlMetricNames.of(String.valueOf(rule.get("expr"))), file);
            }
        }
    }

    private void add(Set<String> names, Path file) {
        String where = file.getParent().getFileName() + "/" + file.getFileName();
        names.forEach(name -> usedBy.computeIfAbsent(name, key -> new TreeSet<>()).add(where));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path directory, String suffix) {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
