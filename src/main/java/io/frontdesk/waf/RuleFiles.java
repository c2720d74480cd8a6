package io.frontdesk.waf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.WafProperties;

/**
 * The SecLang files {@code frontdesk.waf.*} names, in load order: CRS's setup, Frontdesk's
 * settings over it (paranoia level, thresholds), the operator's files meant to run before CRS,
 * CRS's rules, the operator's files. Without CRS and operator files: the built-in baseline.
 */
final class RuleFiles {

    static final String BASELINE = "/waf/baseline.conf";

    private final WafProperties properties;
    private final Path scratch;

    RuleFiles(WafProperties properties, Path scratch) {
        this.properties = properties;
        this.scratch = scratch;
    }

    /** Whether the built-in baseline is what runs. */
    boolean baseline() {
        return properties.crs().directory().isBlank() && properties.rules().isEmpty()
                && properties.rulesBefore().isEmpty();
    }

    /** The files, re-read from the configuration's places each time (a reload sees edited files). */
    List<Path> files() {
        if (baseline()) {
            return List.of(copyOfResource(BASELINE, "baseline.conf"));
        }
        List<Path> files = new ArrayList<>();
        String crs = properties.crs().directory();
        if (!crs.isBlank()) {
            Path directory = existingDirectory(crs, "frontdesk.waf.crs.directory");
            files.add(setup(directory));
            files.add(settings());
            properties.rulesBefore().forEach(file -> files.add(existingFile(file, "frontdesk.waf.rules-before")));
            files.addAll(crsRules(directory));
        } else {
            properties.rulesBefore().forEach(file -> files.add(existingFile(file, "frontdesk.waf.rules-before")));
        }
        properties.rules().forEach(file -> files.add(existingFile(file, "frontdesk.waf.rules")));
        return files;
    }

    private Path setup(Path directory) {
        String setup = properties.crs().setup();
        if (!setup.isBlank()) {
            return existingFile(setup, "frontdesk.waf.crs.setup");
        }
        Path conf = directory.resolve("crs-setup.conf");
        return Files.isRegularFile(conf) ? conf : existingFile(directory.resolve("crs-setup.conf.example").toString(),
                "frontdesk.waf.crs.directory");
    }

    private static List<Path> crsRules(Path directory) {
        Path rules = directory.resolve("rules");
        try (Stream<Path> entries = Files.list(rules)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationException("frontdesk.waf.crs.directory",
                    "has no readable rules/ directory: " + rules);
        }
    }

    /**
     * CRS reads its settings from TX variables it sets only when unset, so these, run first,
     * win over the defaults (as crs-setup.conf's rule 900000 would).
     */
    private Path settings() {
        StringBuilder actions = new StringBuilder();
        int paranoia = properties.paranoiaLevel();
        if (paranoia != 0) {
            if (paranoia < 1 || paranoia > 4) {
                throw new InvalidConfigurationException("frontdesk.waf.paranoia-level", "must be 1 to 4, was " + paranoia);
            }
            actions.append(",setvar:tx.blocking_paranoia_level=").append(paranoia)
                    .append(",setvar:tx.paranoia_level=").append(paranoia);
        }
        threshold(actions, properties.inboundAnomalyThreshold(), "inbound");
        threshold(actions, properties.outboundAnomalyThreshold(), "outbound");
        String text = actions.isEmpty() ? "" : "SecAction \"id:99001,phase:1,pass,nolog" + actions + "\"\n";
        return write("frontdesk-crs-settings.conf", text);
    }

    private static void threshold(StringBuilder actions, int value, String direction) {
        if (value < 0) {
            throw new InvalidConfigurationException("frontdesk.waf." + direction + "-anomaly-threshold",
                    "must be 1 or more, or 0 for CRS's own, was " + value);
        }
        if (value > 0) {
            actions.append(",setvar:tx.").append(direction).append("_anomaly_score_threshold=").append(value);
        }
    }

    private Path copyOfResource(String resource, String name) {
        try (InputStream in = RuleFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + resource + " is missing from the build");
            }
            Path file = scratch.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String text) {
        try {
            Path file = scratch.resolve(name);
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existingDirectory(String path, String key) {
        Path directory = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new InvalidConfigurationException(key, "names no directory: " + directory);
        }
        return directory;
    }

    private static Path existingFile(String path, String key) {
        Path file = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigurationException(key, "names no file: " + file);
        }
        return file;
    }
}
