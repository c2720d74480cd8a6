package io.frontdesk.waf.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.frontdesk.waf.conformance.ftw.PlatformOverrides;
import io.frontdesk.waf.conformance.ftw.RegressionTest;
import io.frontdesk.waf.conformance.ftw.Stage;
import io.frontdesk.waf.conformance.ftw.StageOutput;
import io.frontdesk.waf.conformance.ftw.TestOverride;

/**
 * The part of a suite's platform overrides ({@code *-overrides.yaml}, and Frontdesk's own) that is
 * about how a server parses HTTP: the statuses a platform answers where Apache answers otherwise. Those statuses are
 * accepted too; an override that changes what the WAF must detect is not honoured, so every
 * stage keeps the log expectations CRS wrote.
 */
final class ServerStatusOverrides {

    private final List<PlatformOverrides> platforms;
    private int honoured;

    private ServerStatusOverrides(List<PlatformOverrides> platforms) {
        this.platforms = platforms;
    }

    /** Frontdesk's own statuses where its edge answers otherwise than Apache, each with its reason. */
    private static final Path FRONTDESK_OVERRIDES = Path.of("src/test/resources/waf/frontdesk-overrides.yaml");

    static ServerStatusOverrides load(Path regressionDirectory) throws IOException {
        List<PlatformOverrides> platforms = new ArrayList<>();
        platforms.add(PlatformOverrides.load(FRONTDESK_OVERRIDES));
        try (Stream<Path> files = Files.list(regressionDirectory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith("-overrides.yaml"))
                    .sorted().toList()) {
                platforms.add(PlatformOverrides.load(file));
            }
        }
        return new ServerStatusOverrides(platforms);
    }

    /** The stage's expectation, with the statuses of overrides that keep its detection also accepted. */
    StageOutput expected(RegressionTest test, Stage stage) {
        StageOutput original = stage.output();
        if (original.statuses().isEmpty()) {
            return original;
        }
        Set<Integer> statuses = new LinkedHashSet<>(original.statuses());
        for (PlatformOverrides platform : platforms) {
            platform.find(test, stage).map(TestOverride::output).filter(output -> keepsDetection(original, output))
                    .ifPresent(output -> statuses.addAll(output.statuses()));
        }
        if (statuses.size() == original.statuses().size()) {
            return original;
        }
        honoured++;
        return new StageOutput(List.copyOf(statuses), original.expectedIds(), original.unexpectedIds(),
                original.logMatch(), original.logMismatch(), original.responseContains(), original.expectError(),
                original.retryOnce(), original.isolated());
    }

    private static boolean keepsDetection(StageOutput original, StageOutput override) {
        return original.expectedIds().stream().noneMatch(override.unexpectedIds()::contains)
                && override.expectedIds().stream().allMatch(original.expectedIds()::contains);
    }

    /** How many stages took a status from an override. */
    int honoured() {
        return honoured;
    }
}
