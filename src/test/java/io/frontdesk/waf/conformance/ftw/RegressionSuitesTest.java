package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Both CRS regression suites load whole, with as many tests and stages as a plain text scan finds. */
class RegressionSuitesTest {

    /** Counts lines whose key (after indentation and an optional list dash) is {@code key}; comments do not match. */
    private static long keyLines(List<Path> files, String key) throws IOException {
        Pattern line = Pattern.compile("^\\s*(-\\s+)?" + key + ":");
        long count = 0;
        for (Path file : files) {
            try (Stream<String> lines = Files.lines(file)) {
                count += lines.filter(text -> line.matcher(text).find()).count();
            }
        }
        return count;
    }

    private static List<Path> files(Path directory, String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> Stream.of(suffixes).anyMatch(path.toString()::endsWith)).toList();
        }
    }

    private static long tests(List<SuiteFile> suites) {
        return suites.stream().mapToLong(suite -> suite.tests().size()).sum();
    }

    private static long stages(List<SuiteFile> suites) {
        return suites.stream().mapToLong(SuiteFile::stageCount).sum();
    }

    @Test
    void everyV4FileLoadsWithItsTestsAndStages() throws IOException {
        Path directory = CrsReleases.regressionDirectory(CrsReleases.V4).resolve("tests");
        List<Path> files = files(directory, ".yaml", ".yml");
        List<SuiteFile> suites = RegressionSuites.loadAll(directory, SuiteFormat.GO_FTW);

        assertThat(suites).hasSize(files.size()).hasSizeGreaterThan(300);
        assertThat(tests(suites)).isEqualTo(keyLines(files, "test_id")).isGreaterThan(4000);
        assertThat(stages(suites)).isEqualTo(keyLines(files, "input"));
        assertThat(suites).allSatisfy(suite -> assertThat(suite.format()).isEqualTo(SuiteFormat.GO_FTW));
    }

    @Test
    void everyV3FileLoadsWithItsTestsAndStages() throws IOException {
        Path directory = CrsReleases.regressionDirectory(CrsReleases.V3).resolve("tests");
        List<Path> files = files(directory, ".yaml");
        List<SuiteFile> suites = RegressionSuites.loadAll(directory, SuiteFormat.FTW);

        assertThat(suites).hasSize(files.size()).hasSizeGreaterThan(150);
        assertThat(tests(suites)).isEqualTo(keyLines(files, "test_title")).isGreaterThan(2000);
        assertThat(stages(suites)).isEqualTo(keyLines(files, "stage"));
        assertThat(suites.stream().filter(suite -> !suite.enabled()).map(SuiteFile::ruleId))
                .containsExactlyInAnyOrder(920250, 920360, 920370, 920380, 920390);
    }

    @Test
    void v4IdsComeFromTheFileOrItsName() throws IOException {
        Path directory = CrsReleases.regressionDirectory(CrsReleases.V4).resolve("tests");
        SuiteFile commentedOut =
                GoFtwSuiteLoader.load(directory.resolve("REQUEST-920-PROTOCOL-ENFORCEMENT/920539.yaml"));
        SuiteFile methods = GoFtwSuiteLoader.load(directory.resolve("REQUEST-911-METHOD-ENFORCEMENT/911100.yaml"));

        assertThat(commentedOut.ruleId()).isEqualTo(920539);
        assertThat(commentedOut.tests()).isEmpty();
        assertThat(methods.tests().get(0).title()).isEqualTo("911100-1");
        assertThat(methods.tests().get(0).ruleId()).isEqualTo(911100);
    }

    @Test
    void v3LogChecksOnIdsBecomeIdsAndOthersStayPatterns() throws IOException {
        Path directory = CrsReleases.regressionDirectory(CrsReleases.V3).resolve("tests");
        List<StageOutput> outputs = RegressionSuites.loadAll(directory, SuiteFormat.FTW).stream()
                .flatMap(suite -> suite.tests().stream()).flatMap(test -> test.stages().stream())
                .map(Stage::output).toList();

        assertThat(outputs.stream().filter(output -> !output.expectedIds().isEmpty())).hasSize(2175);
        assertThat(outputs.stream().filter(output -> !output.unexpectedIds().isEmpty())).hasSize(199);
        assertThat(outputs.stream().flatMap(output -> output.logMatch().stream())).containsExactly("930120");
        assertThat(outputs.stream().flatMap(output -> output.logMismatch().stream()))
                .containsExactly("id:921140", "id:921140");
        assertThat(outputs.stream().filter(output -> output.statuses().size() > 1)).hasSize(16);
    }
}
