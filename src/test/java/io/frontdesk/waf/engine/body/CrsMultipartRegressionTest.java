package io.frontdesk.waf.engine.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.engine.body.ParsedBody.Field;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangParser;
import io.frontdesk.waf.engine.seclang.Statement;
import io.frontdesk.waf.engine.transform.Transformation;
import io.frontdesk.waf.engine.transform.Transformations;

/**
 * The multipart cases of CRS's regression tests, read at run time from the releases beside the
 * project: for the rules that read what the multipart processor produces (FILES, FILES_NAMES,
 * MULTIPART_PART_HEADERS, and ARGS for {@code _charset_}), each rule's condition, with its own
 * regular expression from the release's rule file, holds exactly when the test expects the rule.
 */
class CrsMultipartRegressionTest {

    private static final Transformation URL_DECODE_UNI = Transformations.named("urlDecodeUni");
    private static final Transformation LOWERCASE = Transformations.named("lowercase");

    /** One request of a test, and what the test expects of one rule. */
    private record Case(String name, String contentType, String body, boolean expected, Pattern logPattern) {
    }

    @TestFactory
    Stream<DynamicTest> version4() throws IOException {
        Path release = CrsReleases.release(CrsReleases.V4);
        Path regression = CrsReleases.regressionDirectory(CrsReleases.V4).resolve("tests");
        Rules rules = new Rules(release);
        Map<String, Predicate<ParsedBody>> checks = Map.of(
                "920120", anyFileOrField(Pattern.compile(rules.operator("920120")).asPredicate().negate()),
                "920121", anyFileOrField(Pattern.compile(rules.operator("920121")).asPredicate()),
                "922100", charset(rules.allowedCharsets(), "|"),
                "922110", contentTypes(rules.operator("922150"), rules.operator("922110")),
                "922120", anyHeaderLine(rules.operator("922120")),
                "922130", anyHeaderLine(rules.operator("922130")));
        return tests(checks, id -> regression.resolve(
                (id.startsWith("920") ? "REQUEST-920-PROTOCOL-ENFORCEMENT/" : "REQUEST-922-MULTIPART-ATTACK/") + id
                        + ".yaml"), CrsMultipartRegressionTest::version4Cases);
    }

    @TestFactory
    Stream<DynamicTest> version3() throws IOException {
        Path release = CrsReleases.release(CrsReleases.V3);
        Path regression = CrsReleases.regressionDirectory(CrsReleases.V3).resolve("tests");
        Rules rules = new Rules(release);
        Map<String, Predicate<ParsedBody>> checks = Map.of(
                "920120", anyFileOrField(Pattern.compile(rules.operator("920120")).asPredicate().negate()),
                "922100", charset("|" + rules.allowedCharsets() + "|", ""),
                "922110", contentTypes(rules.operator("922110"), rules.chainedOperator("922110")),
                "922120", anyHeaderLine(rules.operator("922120")));
        return tests(checks, id -> regression.resolve(
                (id.startsWith("920") ? "REQUEST-920-PROTOCOL-ENFORCEMENT/" : "REQUEST-922-MULTIPART-ATTACK/") + id
                        + ".yaml"), CrsMultipartRegressionTest::version3Cases);
    }

    private interface CaseReader {
        List<Case> read(String ruleId, Map<String, Object> file);
    }

    private static Stream<DynamicTest> tests(Map<String, Predicate<ParsedBody>> checks,
            java.util.function.Function<String, Path> file, CaseReader reader) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Predicate<ParsedBody>> check : checks.entrySet()) {
            try (Reader yaml = Files.newBufferedReader(file.apply(check.getKey()))) {
                Map<String, Object> document = new Yaml().load(yaml);
                for (Case test : reader.read(check.getKey(), document)) {
                    tests.add(DynamicTest.dynamicTest(test.name(), () -> verify(test, check.getValue())));
                }
            }
        }
        assertThat(tests).as("multipart cases found").hasSizeGreaterThan(checks.size());
        return tests.stream();
    }

    private static void verify(Case test, Predicate<ParsedBody> rule) {
        ParsedBody parsed = new ParsedBody();
        new MultipartProcessor().process(test.body(), test.contentType(), parsed);
        boolean fires = rule.test(parsed);
        if (test.logPattern() != null && parsed.error() != null && test.logPattern().matcher(parsed.error()).find()) {
            fires = true;
        }
        assertThat(fires).as("the rule's condition, for error %s, files %s, headers %s", parsed.error(),
                parsed.files(), parsed.partHeaders()).isEqualTo(test.expected());
    }

    // The rules' conditions, on what the processor gives them.

    private static Predicate<ParsedBody> anyFileOrField(Predicate<String> matches) {
        return parsed -> parsed.files().stream().flatMap(file -> Stream.of(file.fileName(), file.field()))
                .map(URL_DECODE_UNI::apply).anyMatch(matches);
    }

    private static Predicate<ParsedBody> anyHeaderLine(String regex) {
        Predicate<String> matches = Pattern.compile(regex).asPredicate();
        return parsed -> parsed.partHeaders().stream().map(Field::value).map(LOWERCASE::apply).anyMatch(matches);
    }

    private static Predicate<ParsedBody> contentTypes(String collect, String allowed) {
        Pattern header = Pattern.compile(collect);
        Predicate<String> valid = Pattern.compile(allowed).asPredicate();
        return parsed -> parsed.partHeaders().stream().map(line -> header.matcher(LOWERCASE.apply(line.value())))
                .filter(Matcher::find).anyMatch(found -> !valid.test(found.group(1)));
    }

    /** A {@code _charset_} part whose value, between {@code wrap}s, is not within the allowed list. */
    private static Predicate<ParsedBody> charset(String allowed, String wrap) {
        return parsed -> parsed.partHeaders().stream().anyMatch(header -> header.name().equals("_charset_"))
                && parsed.arguments().stream().filter(argument -> argument.name().equals("_charset_")).findFirst()
                        .map(argument -> !allowed.contains(wrap + LOWERCASE.apply(argument.value()) + wrap))
                        .orElse(true);
    }

    // The two formats of the regression tests.

    @SuppressWarnings("unchecked")
    private static List<Case> version4Cases(String ruleId, Map<String, Object> file) {
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            int stage = 0;
            for (Map<String, Object> step : (List<Map<String, Object>>) test.get("stages")) {
                Map<String, Object> input = (Map<String, Object>) step.get("input");
                Map<String, Object> log = (Map<String, Object>) ((Map<String, Object>) step.get("output")).get("log");
                Request request = input.containsKey("encoded_request")
                        ? Request.raw(Base64.getMimeDecoder().decode((String) input.get("encoded_request")))
                        : new Request(header((Map<String, Object>) input.get("headers")), (String) input.get("data"));
                Boolean expected = null;
                Pattern pattern = null;
                if (log != null && contains(log.get("expect_ids"), ruleId)) {
                    expected = true;
                } else if (log != null && contains(log.get("no_expect_ids"), ruleId)) {
                    expected = false;
                } else if (log != null && log.get("match_regex") != null) {
                    expected = true;
                    pattern = Pattern.compile((String) log.get("match_regex"));
                } else if (log != null && log.get("no_match_regex") != null) {
                    expected = false;
                    pattern = Pattern.compile((String) log.get("no_match_regex"));
                }
                if (expected != null && request.isMultipart()) {
                    cases.add(new Case(ruleId + "-" + test.get("test_id") + "." + ++stage, request.contentType(),
                            request.body(), expected, pattern));
                }
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Case> version3Cases(String ruleId, Map<String, Object> file) {
        List<Case> cases = new ArrayList<>();
        String logged = "id \"" + ruleId + "\"";
        for (Map<String, Object> test : (List<Map<String, Object>>) file.get("tests")) {
            for (Map<String, Object> step : (List<Map<String, Object>>) test.get("stages")) {
                Map<String, Object> stage = (Map<String, Object>) step.get("stage");
                Map<String, Object> input = (Map<String, Object>) stage.get("input");
                Map<String, Object> output = (Map<String, Object>) stage.get("output");
                Object data = input.get("data");
                String body = data instanceof List<?> lines ? String.join("\r\n", (List<String>) lines) : (String) data;
                Request request = new Request(header((Map<String, Object>) input.get("headers")), body);
                Boolean expected = logged.equals(output.get("log_contains")) ? Boolean.TRUE
                        : logged.equals(output.get("no_log_contains")) ? Boolean.FALSE : null;
                if (expected != null && request.isMultipart()) {
                    cases.add(new Case((String) test.get("test_title"), request.contentType(), body, expected, null));
                }
            }
        }
        return cases;
    }

    private static boolean contains(Object ids, String ruleId) {
        return ids instanceof List<?> list && list.stream().anyMatch(id -> String.valueOf(id).equals(ruleId));
    }

    private static String header(Map<String, Object> headers) {
        if (headers != null) {
            for (Map.Entry<String, Object> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase("Content-Type")) {
                    return String.valueOf(header.getValue());
                }
            }
        }
        return null;
    }

    /** A request's Content-Type and body, as byte strings. */
    private record Request(String contentType, String body) {

        static Request raw(byte[] request) {
            String text = new String(request, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String contentType = null;
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Request(contentType, text.substring(end + 4));
        }

        boolean isMultipart() {
            return contentType != null && body != null && contentType.toLowerCase().startsWith("multipart/form-data");
        }
    }

    /** A release's rules, for the operators of the rules checked here. */
    private static final class Rules {

        private final List<Statement> statements;
        private final String initialization;

        Rules(Path release) throws IOException {
            Path rules = release.resolve("rules");
            statements = SecLangParser.parse(List.of(rules.resolve("REQUEST-920-PROTOCOL-ENFORCEMENT.conf"),
                    rules.resolve("REQUEST-922-MULTIPART-ATTACK.conf"))).statements();
            initialization = Files.readString(rules.resolve("REQUEST-901-INITIALIZATION.conf"));
        }

        String operator(String id) {
            return forJava(rule(id).operator().argument());
        }

        String chainedOperator(String id) {
            return forJava(rule(id).chained().operator().argument());
        }

        /** PCRE reads a {@code [} inside a character class as itself; Java would open a nested class. */
        private static String forJava(String regex) {
            StringBuilder java = new StringBuilder();
            boolean inClass = false;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\' && i + 1 < regex.length()) {
                    java.append(c).append(regex.charAt(++i));
                } else if (c == '[' && inClass) {
                    java.append("\\[");
                } else {
                    if (c == '[') {
                        inClass = true;
                    } else if (c == ']') {
                        inClass = false;
                    }
                    java.append(c);
                }
            }
            return java.toString();
        }

        /** The default of tx.allowed_request_content_type_charset. */
        String allowedCharsets() {
            Matcher setting = Pattern.compile("allowed_request_content_type_charset=([^']*)'").matcher(initialization);
            assertThat(setting.find()).as("the charsets CRS allows").isTrue();
            return setting.group(1);
        }

        private RuleSpec rule(String id) {
            return statements.stream().filter(Statement.Rule.class::isInstance).map(rule -> ((Statement.Rule) rule).rule())
                    .filter(rule -> id.equals(rule.action("id"))).findFirst().orElseThrow();
        }
    }
}
