package io.frontdesk.waf.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.frontdesk.waf.engine.seclang.ActionSpec;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangParser;
import io.frontdesk.waf.engine.seclang.Statement;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.seclang.VariableSpec;
import io.frontdesk.waf.engine.transform.Transformation;
import io.frontdesk.waf.engine.transform.Transformations;

/**
 * What one CRS rule inspects, read from its rule file: the values its targets take from a request
 * (exclusions such as {@code !REQUEST_COOKIES:/__utm/} applied), each after the rule's
 * transformations.
 */
final class CrsRuleInput {

    private static final Set<String> COLLECTIONS = Set.of("ARGS", "REQUEST_HEADERS", "REQUEST_COOKIES", "XML");

    private final List<VariableSpec> targets;
    private final List<Transformation> transformations;

    private CrsRuleInput(List<VariableSpec> targets, List<Transformation> transformations) {
        this.targets = targets;
        this.transformations = transformations;
    }

    /** Rule {@code id} from the file of its family in {@code rules} ({@code REQUEST-942-*.conf} for 942100). */
    static CrsRuleInput read(Path rules, String id) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(rules)) {
            file = files.filter(path -> path.getFileName().toString().startsWith("REQUEST-" + id.substring(0, 3)))
                    .filter(path -> path.toString().endsWith(".conf")).findFirst().orElseThrow();
        }
        for (Statement statement : SecLangParser.parse(List.of(file)).statements()) {
            if (statement instanceof Statement.Rule rule && id.equals(rule.rule().action("id"))) {
                return of(rule.rule());
            }
        }
        throw new IllegalStateException("no rule " + id + " in " + file);
    }

    private static CrsRuleInput of(RuleSpec rule) {
        for (VariableSpec target : rule.variables()) {
            if (!COLLECTIONS.contains(collectionOf(target))) {
                throw new IllegalStateException("requests here have no " + target);
            }
        }
        List<Transformation> transformations = new ArrayList<>();
        for (ActionSpec action : rule.actions()) {
            if (action.name().equals("t")) {
                transformations.add(Transformations.named(action.argument()));
            }
        }
        return new CrsRuleInput(rule.variables(), transformations);
    }

    /** The values the rule's operator sees. */
    List<String> inspect(CrsRequest request) {
        List<CrsRequest.Variable> variables = request.variables();
        List<String> values = new ArrayList<>();
        for (VariableSpec target : targets) {
            if (target.excluded() || target.count()) {
                continue;
            }
            boolean names = target.variable().kind() == Variable.Kind.NAMES;
            for (CrsRequest.Variable variable : variables) {
                if (selects(target, variable) && !excluded(variable)) {
                    values.add(transform(names ? variable.name() : variable.value()));
                }
            }
        }
        return values;
    }

    private boolean excluded(CrsRequest.Variable variable) {
        return targets.stream().anyMatch(target -> target.excluded() && selects(target, variable));
    }

    private static boolean selects(VariableSpec target, CrsRequest.Variable variable) {
        if (!collectionOf(target).equals(variable.collection())) {
            return false;
        }
        String selector = target.selector();
        if (selector == null) {
            return true;
        }
        return target.regex() ? Pattern.compile(selector, Pattern.CASE_INSENSITIVE).matcher(variable.name()).find()
                : selector.equalsIgnoreCase(variable.name());
    }

    /** {@code ARGS_NAMES} selects from the same variables as {@code ARGS}, giving their names. */
    private static String collectionOf(VariableSpec target) {
        Variable variable = target.variable();
        return (variable.kind() == Variable.Kind.NAMES ? variable.namesOf() : variable).name();
    }

    private String transform(String value) {
        String result = value;
        for (Transformation transformation : transformations) {
            result = transformation.apply(result);
        }
        return result;
    }
}
