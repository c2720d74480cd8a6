package io.frontdesk.waf.engine.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;


import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangParser;
import io.frontdesk.waf.engine.seclang.Statement;

/**
 * The rule files of a CRS release beside the project (or where FRONTDESK_CRS_DIR points), read with
 * the SecLang reader; tests that need them are skipped when they are not there.
 */
final class CrsRules {

    /** An operator of a rule, with the id of the chain it belongs to. */
    record Operator(String ruleId, String name, String argument) {
    }

    private CrsRules() {
    }

    static Path rulesDirectory(String version) {
        return CrsReleases.release(version).resolve("rules");
    }

    /** The operators of every rule, chained ones too, of every rule file of the release, in file order. */
    static List<Operator> operators(String version) {
        List<Operator> operators = new ArrayList<>();
        for (Path file : ruleFiles(rulesDirectory(version))) {
            for (Statement statement : SecLangParser.parse(List.of(file)).statements()) {
                if (statement instanceof Statement.Rule rule) {
                    String id = rule.rule().action("id");
                    for (RuleSpec link = rule.rule(); link != null; link = link.chained()) {
                        operators.add(new Operator(id, link.operator().name(), link.operator().argument()));
                    }
                }
            }
        }
        return operators;
    }

    /** The argument of the {@code @rx} of the rule with that id (of its first link that has one). */
    static String regex(String version, String ruleId) {
        return operators(version).stream().filter(operator -> operator.ruleId().equals(ruleId))
                .filter(operator -> operator.name().equals("rx")).findFirst().orElseThrow().argument();
    }

    private static List<Path> ruleFiles(Path rules) {
        try (Stream<Path> files = Files.list(rules)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
