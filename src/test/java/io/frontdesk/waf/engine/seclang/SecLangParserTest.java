package io.frontdesk.waf.engine.seclang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.frontdesk.waf.conformance.ftw.CrsReleases;

/** The OWASP Core Rule Set releases beside the project, read whole; and the errors of broken files. */
class SecLangParserTest {


    @TempDir
    Path directory;

    /** The ids written in the release's active (uncommented) lines, counted without the parser. */
    private static long idsWritten(String version) throws IOException {
        Path root = CrsReleases.release(version);
        List<Path> files = new java.util.ArrayList<>(List.of(root.resolve("crs-setup.conf.example")));
        try (java.util.stream.Stream<Path> rules = Files.list(root.resolve("rules"))) {
            rules.filter(path -> path.toString().endsWith(".conf")).forEach(files::add);
        }
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("[\"',\\s]id:\\d+");
        long count = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.strip().startsWith("#")) {
                    count += id.matcher(line).results().count();
                }
            }
        }
        return count;
    }

    /** CRS is included the way operators do it: its setup, then a glob over its rules. */
    private SecLangParser.Result parseCrs(String version) throws IOException {
        Path main = directory.resolve("main.conf");
        Path root = CrsReleases.release(version).toAbsolutePath().normalize();
        Files.writeString(main, "Include " + root.resolve("crs-setup.conf.example") + "\nInclude "
                + root.resolve("rules") + "/*.conf\n");
        return SecLangParser.parse(List.of(main));
    }

    private static long rulesWithIds(SecLangParser.Result result) {
        return result.statements().stream().filter(Statement.Rule.class::isInstance).count();
    }

    private static Set<String> ids(SecLangParser.Result result) {
        Set<String> ids = new TreeSet<>();
        for (Statement statement : result.statements()) {
            if (statement instanceof Statement.Rule rule && rule.rule().action("id") != null) {
                ids.add(rule.rule().action("id"));
            }
        }
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.28.0", "v3.3.4"})
    void theWholeCoreRuleSetIsRead(String version) throws IOException {
        SecLangParser.Result result = parseCrs(version);
        Set<String> ids = ids(result);
        assertThat(ids).contains("901001", "920100", "942100", "941100", "949110", "959100");
        assertThat(ids.size()).as("every rule has an id of its own").isEqualTo(rulesWithIds(result));
        assertThat((long) ids.size()).as("as many as the files hold").isEqualTo(idsWritten(version));
        long markers = result.statements().stream().filter(Statement.Marker.class::isInstance).count();
        assertThat(markers).isPositive();
    }

    @Test
    void rule942100IsReadPartByPart() throws IOException {
        RuleSpec rule = parseCrs("v4.28.0").statements().stream().filter(Statement.Rule.class::isInstance)
                .map(statement -> ((Statement.Rule) statement).rule()).filter(r -> "942100".equals(r.action("id")))
                .findFirst().orElseThrow();
        assertThat(rule.operator()).isEqualTo(new OperatorSpec("detectSQLi", "", false));
        assertThat(rule.variables()).contains(new VariableSpec(Variable.REQUEST_COOKIES, null, false, false, false),
                new VariableSpec(Variable.REQUEST_HEADERS, "User-Agent", false, false, false),
                new VariableSpec(Variable.XML, "/*", false, false, false),
                new VariableSpec(Variable.ARGS_NAMES, null, false, false, false));
        assertThat(rule.actions()).contains(new ActionSpec("phase", "2"), new ActionSpec("block", null),
                new ActionSpec("t", "utf8toUnicode"),
                new ActionSpec("msg", "SQL Injection Attack Detected via libinjection"),
                new ActionSpec("logdata", "Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}"));
    }

    @Test
    void chainsBecomeOneRuleWithItsLinks() throws IOException {
        Path file = write("SecRule REQUEST_METHOD \"@streq POST\" \"id:1,phase:2,deny,chain\"\n"
                + "  SecRule &ARGS \"@gt 3\" \"chain\"\n"
                + "    SecRule ARGS:'a-b'|!ARGS:/^x|y$/ \"!@rx \\\"q\\\"\" \"t:lowercase,setvar:'tx.s=+1'\"\n"
                + "SecMarker END\n");
        List<Statement> statements = SecLangParser.parse(List.of(file)).statements();
        assertThat(statements).hasSize(2);
        RuleSpec first = ((Statement.Rule) statements.get(0)).rule();
        RuleSpec third = first.chained().chained();
        assertThat(first.chained().variables()).containsExactly(new VariableSpec(Variable.ARGS, null, false, true, false));
        assertThat(third.variables()).containsExactly(new VariableSpec(Variable.ARGS, "a-b", false, false, false),
                new VariableSpec(Variable.ARGS, "^x|y$", true, false, true));
        assertThat(third.operator()).isEqualTo(new OperatorSpec("rx", "\"q\"", true));
        assertThat(third.action("setvar")).isEqualTo("tx.s=+1");
        assertThat(third.chained()).isNull();
        assertThat(statements.get(1)).isEqualTo(new Statement.Marker("END", new Source(file, 4)));
    }

    @Test
    void argumentsAreTheFilesBytes() throws IOException {
        Path file = directory.resolve("bytes.conf");
        Files.writeString(file, "SecRule ARGS \"@rx [\u00B4\u2019]\" \"id:1\"\n", StandardCharsets.UTF_8);
        RuleSpec rule = ((Statement.Rule) SecLangParser.parse(List.of(file)).statements().get(0)).rule();
        assertThat(rule.operator().argument()).isEqualTo("[\u00C2\u00B4\u00E2\u0080\u0099]");
    }

    @Test
    void loggingDirectivesAreNotedAndSettingsKept() throws IOException {
        Path file = write("SecAuditEngine RelevantOnly\nSecRuleEngine DetectionOnly\n");
        SecLangParser.Result result = SecLangParser.parse(List.of(file));
        assertThat(result.notes()).singleElement().asString().contains(file + ":1", "SecAuditEngine");
        assertThat(result.statements()).containsExactly(
                new Statement.Setting("SecRuleEngine", "DetectionOnly", new Source(file, 2)));
    }

    @Test
    void mistakesNameTheirFileAndLine() throws IOException {
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("\n# c\nSecRuleEngin On\n"))))
                .isInstanceOf(SecLangException.class).hasMessageEndingWith(":3: unknown directive SecRuleEngin");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("SecRule ARGS \"@rx a\" \"id:1,\\\n  colour:red\"\n"))))
                .hasMessageEndingWith(":1: unknown action colour");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("SecRule ARGZ \"@rx a\" \"id:1\"\n"))))
                .hasMessageEndingWith(":1: unknown variable ARGZ");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("SecRule ARGS \"@regex a\" \"id:1\"\n"))))
                .hasMessageEndingWith(":1: unknown operator @regex");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("SecRule ARGS \"@rx a\" \"id:1,t:lower\"\n"))))
                .hasMessageEndingWith(":1: unknown transformation lower");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("SecRule ARGS \"@rx a\n"))))
                .hasMessageEndingWith(":1: a quoted argument is not closed");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write(
                "SecRule ARGS \"@rx a\" \"id:1,chain\"\nSecMarker X\n"))))
                .hasMessageContaining(":2: the rule at ").hasMessageEndingWith("asks for a chained rule, but SecMarker follows");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(write("Include missing.conf\n"))))
                .hasMessageContaining(":1: Include names no file");
    }

    /** What docs/waf.md lists as unsupported is refused where a rule names it. */
    @ParameterizedTest
    @ValueSource(strings = {"@rxGlobal a", "@verifyCPF a", "@verifySSN a", "@verifySVNR a"})
    void unsupportedOperatorsNameTheirFileAndLine(String operator) throws IOException {
        Path file = write("# rules\nSecRule ARGS \"" + operator + "\" \"id:1\"\n");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(file))).isInstanceOf(SecLangException.class)
                .hasMessage(file + ":2: unknown operator " + operator.substring(0, operator.indexOf(' ')));
    }

    @Test
    void unsupportedTransformationsNameTheirFileAndLine() throws IOException {
        Path file = write("SecRule ARGS \"@rx a\" \"id:1,t:none,t:phpArgsNames\"\n");
        assertThatThrownBy(() -> SecLangParser.parse(List.of(file))).isInstanceOf(SecLangException.class)
                .hasMessage(file + ":1: unknown transformation phpArgsNames");
    }

    private int files;

    private Path write(String text) throws IOException {
        Path file = directory.resolve("rules-" + files++ + ".conf");
        Files.writeString(file, text);
        return file;
    }
}
