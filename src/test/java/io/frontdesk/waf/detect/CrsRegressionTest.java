package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.frontdesk.waf.conformance.ftw.CrsReleases;

/**
 * The detectors against the CRS regression tests of the rules that call them, 942100
 * ({@code @detectSQLi}) and 941100 ({@code @detectXSS}), in CRS v4 and v3.3: a stage expects the
 * rule to fire exactly when the detector finds an attack in one of the values the rule inspects,
 * taken from the stage's request and transformed as the rule file says. The releases are read at
 * run time from {@code ../shared/crs}, or the directory FRONTDESK_CRS_DIR names.
 */
class CrsRegressionTest {

    private static Predicate<String> detector(String ruleId) {
        return ruleId.equals("942100") ? value -> SqlInjectionDetector.detect(value).isPresent() : XssDetector::detect;
    }

    private static Path testsDirectory(Path release) {
        return release.resolve("tests/regression/tests");
    }

    private static List<Path> testFiles(Path release, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(testsDirectory(release))) {
            paths.filter(testsDirectory(release).getFileSystem().getPathMatcher("glob:**/" + glob)::matches)
                    .sorted().forEach(files::add);
        }
        return files;
    }

    @ParameterizedTest(name = "CRS {0}, rule {1}")
    @CsvSource({"v4.28.0, 942100", "v4.28.0, 941100", "v3.3.4, 942100", "v3.3.4, 941100"})
    void theDetectorDecidesAsTheRulesTestsExpect(String version, String ruleId) throws IOException {
        Path release = CrsReleases.release(version);
        CrsRuleInput rule = CrsRuleInput.read(release.resolve("rules"), ruleId);
        Predicate<String> detector = detector(ruleId);
        List<String> disagreements = new ArrayList<>();
        int decided = 0;
        for (Path file : testFiles(release, ruleId + ".yaml")) {
            for (CrsTestStage stage : CrsTestStage.read(file)) {
                boolean expected = stage.expected().contains(ruleId);
                if (stage.request() == null || !expected && !stage.unexpected().contains(ruleId)) {
                    continue;
                }
                decided++;
                if (rule.inspect(stage.request()).stream().anyMatch(detector) != expected) {
                    disagreements.add(stage.name() + (expected ? " not detected" : " detected"));
                }
            }
        }
        System.out.printf("CRS %s rule %s: %d of %d test stages agree%n", version, ruleId,
                decided - disagreements.size(), decided);
        assertThat(decided).isPositive();
        assertThat(disagreements).isEmpty();
    }

    /**
     * Stages of the innocent-request check below that a detector flags, each read and its reason
     * written here: attacks after all, which only show that some other rule does not fire on them,
     * and text that libinjection takes for SQL injection too (its fingerprint given), as ModSecurity
     * would.
     */
    private static final Map<String, String> FLAGGED_AMONG_NEGATIVE_TESTS = Map.ofEntries(
            Map.entry("v4.28.0 942100 942350.yaml 9/1", "a stacked INSERT after a quote, the whole put in a comment"),
            Map.entry("v4.28.0 942100 942360.yaml 30/1", "pg_sleep() between concatenations: a time-delay injection"),
            Map.entry("v4.28.0 942100 942360.yaml 31/1",
                    "UNION ALL SELECT NULL,NULL,CONCAT(...)--: a UNION injection sqlmap sends"),
            Map.entry("v4.28.0 942100 942521.yaml 15/1", "\\'lol' or '1: a quote breakout and OR, which 942521 misses"),
            Map.entry("v4.28.0 942100 942522.yaml 5/1", "'or'1: the shortest breakout and OR"),
            Map.entry("v4.28.0 942100 942521.yaml 16/1",
                    "prose on SQL injection quoting \"SELECT * FROM users WHERE ...: sEokn read inside double quotes"),
            Map.entry("v4.28.0 942100 942522.yaml 8/1", "the same prose: sEokn"),
            Map.entry("v4.28.0 942100 934160.yaml 1/1", "while (foo) is bar.: WHILE is Transact-SQL's, T(n)o"),
            Map.entry("v4.28.0 942100 942151.yaml 13/1", "Left (WA, RR), ...: LEFT( a call, f(n),"),
            Map.entry("v4.28.0 942100 942151.yaml 14/1", "One quarter (24%) of ...: QUARTER( a call, nf(1o"),
            Map.entry("v4.28.0 942100 942210.yaml 31/1", "pay=1 OR 2: n&1, folded from more than three tokens"),
            Map.entry("v3.3.4 942100 942210.yaml 942210-31/1", "pay=1 OR 2: n&1, as in v4"),
            Map.entry("v4.28.0 941100 933100.yaml 64/1", "an SVG document: svg is active content"),
            Map.entry("v4.28.0 941100 933100.yaml 31/1",
                    "<?xml version=...?>: libinjection takes <?xml for an IE instruction"),
            Map.entry("v4.28.0 941100 933100.yaml 32/1", "<?xml version=...?>, a tab after xml"),
            Map.entry("v4.28.0 941100 933100.yaml 37/1", "<?xml version=...?> before an XML document"),
            Map.entry("v4.28.0 941100 933100.yaml 59/1", "<?xml-stylesheet ...?>, which starts as <?xml"),
            Map.entry("v4.28.0 941100 933100.yaml 60/1", "<?xml version=... standalone=...?>"),
            Map.entry("v4.28.0 941100 933100.yaml 79/1", "<x:xmpmeta xmlns:x=...>: an xmlns attribute can make any tag"),
            Map.entry("v4.28.0 941100 941140.yaml 11/1", "style=...: libinjection takes any style for XSS"),
            Map.entry("v4.28.0 941100 941140.yaml 12/1", "style=background:url(http://...)"),
            Map.entry("v4.28.0 941100 941140.yaml 13/1", "style=a:b;a:b;..."));

    /**
     * Stages that expect no rule at all to fire but only list rules that must not: the requests
     * CRS writes to show that input passes. Neither detector may find an attack in them, but for
     * the few listed above.
     */
    @ParameterizedTest(name = "CRS {0}")
    @ValueSource(strings = {"v4.28.0", "v3.3.4"})
    void theRegressionTestsInnocentRequestsPass(String version) throws IOException {
        Path release = CrsReleases.release(version);
        Map<String, String> flagged = new TreeMap<>();
        int requests = 0;
        for (String ruleId : List.of("942100", "941100")) {
            CrsRuleInput rule = CrsRuleInput.read(release.resolve("rules"), ruleId);
            Predicate<String> detector = detector(ruleId);
            for (Path file : testFiles(release, "*.yaml")) {
                for (CrsTestStage stage : CrsTestStage.read(file)) {
                    if (stage.request() == null || !stage.expected().isEmpty() || stage.unexpected().isEmpty()) {
                        continue;
                    }
                    requests++;
                    for (String value : rule.inspect(stage.request())) {
                        if (detector.test(value)) {
                            flagged.put(version + " " + ruleId + " " + stage.name(), value);
                        }
                    }
                }
            }
        }
        System.out.printf("CRS %s: %d requests of negative tests read for both rules, %d detected%n", version,
                requests, flagged.size());
        flagged.forEach((stage, value) -> System.out.println(stage + ": " + value));
        assertThat(requests).isPositive();
        assertThat(flagged.keySet()).containsExactlyInAnyOrderElementsOf(FLAGGED_AMONG_NEGATIVE_TESTS.keySet()
                .stream().filter(stage -> stage.startsWith(version + " ")).toList());
    }
}
