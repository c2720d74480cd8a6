package io.frontdesk.waf.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.frontdesk.waf.engine.rule.IdRanges;
import io.frontdesk.waf.engine.rule.VerdictSlots;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.rule.RuleCompiler;
import io.frontdesk.waf.engine.seclang.ActionSpec;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangException;
import io.frontdesk.waf.engine.seclang.SecLangParser;
import io.frontdesk.waf.engine.seclang.Statement;
import io.frontdesk.waf.engine.seclang.VariableSpec;
import io.frontdesk.waf.engine.transform.TransformationChains;

/**
 * Loads SecLang files into a {@link RuleSet}, applying the statements in order as ModSecurity
 * does: SecDefaultAction shapes the rules of its phase that follow it; removals and updates change
 * the rules already loaded. Any problem is a {@link SecLangException} naming file and line.
 */
public final class RuleSetLoader {

    /** A rule as loaded so far: removals and updates still change it. */
    private static final class Loaded {
        RuleSpec spec;
        final List<ActionSpec> defaults;
        final int phase;
        boolean removed;

        Loaded(RuleSpec spec, List<ActionSpec> defaults, int phase) {
            this.spec = spec;
            this.defaults = defaults;
            this.phase = phase;
        }
    }

    private final List<Object> order = new ArrayList<>();
    private final List<Loaded> rules = new ArrayList<>();
    private final Map<Integer, List<ActionSpec>> defaults = new HashMap<>();
    private EngineSettings settings = EngineSettings.DEFAULTS;
    private final TransformationChains chains = new TransformationChains();
    private final VerdictSlots slots = new VerdictSlots();

    private RuleSetLoader() {
    }

    public static RuleSet load(List<Path> files) {
        SecLangParser.Result parsed = SecLangParser.parse(files);
        RuleSetLoader loader = new RuleSetLoader();
        for (Statement statement : parsed.statements()) {
            loader.apply(statement);
        }
        return loader.build(parsed.notes());
    }

    private void apply(Statement statement) {
        try {
            if (statement instanceof Statement.Rule rule) {
                int phase = RuleCompiler.phase(rule.rule().actions());
                Loaded loaded = new Loaded(rule.rule(), defaults.getOrDefault(phase, List.of()), phase);
                rules.add(loaded);
                order.add(loaded);
            } else if (statement instanceof Statement.Marker marker) {
                order.add(marker.name());
            } else if (statement instanceof Statement.DefaultActions defaultActions) {
                defaults.put(RuleCompiler.phase(defaultActions.actions()), defaultActions.actions());
            } else if (statement instanceof Statement.Setting setting) {
                settings = settings.with(setting.name(), setting.value());
            } else if (statement instanceof Statement.Removal removal) {
                remove(removal);
            } else if (statement instanceof Statement.TargetUpdate update) {
                updateTargets(update);
            } else if (statement instanceof Statement.ActionUpdate update) {
                updateActions(update);
            }
        } catch (IllegalArgumentException e) {
            throw new SecLangException(statement.source(), e.getMessage());
        }
    }

    private void remove(Statement.Removal removal) {
        for (String value : removal.values()) {
            switch (removal.by()) {
                case "Id" -> {
                    IdRanges ids = IdRanges.parse(value);
                    rules.stream().filter(rule -> ids.contains(id(rule.spec))).forEach(rule -> rule.removed = true);
                }
                case "Tag" -> rules.stream().filter(rule -> tags(rule.spec).contains(value))
                        .forEach(rule -> rule.removed = true);
                default -> rules.stream().filter(rule -> value.equals(rule.spec.action("msg")))
                        .forEach(rule -> rule.removed = true);
            }
        }
    }

    private void updateTargets(Statement.TargetUpdate update) {
        for (Loaded rule : matching(update.by(), update.rules())) {
            List<VariableSpec> variables = new ArrayList<>(rule.spec.variables());
            if (update.replacing() != null) {
                variables.removeIf(variable -> variable.toString().equalsIgnoreCase(update.replacing()));
            }
            variables.addAll(update.targets());
            rule.spec = new RuleSpec(variables, rule.spec.operator(), rule.spec.actions(), rule.spec.chained(),
                    rule.spec.source());
        }
    }

    private void updateActions(Statement.ActionUpdate update) {
        for (Loaded rule : matching("Id", update.ruleId())) {
            List<ActionSpec> actions = new ArrayList<>(rule.spec.actions());
            for (ActionSpec replacement : update.actions()) {
                actions.removeIf(action -> action.name().equals(replacement.name())
                        || (action.action().disruptive() && replacement.action().disruptive()));
            }
            actions.addAll(update.actions());
            rule.spec = new RuleSpec(rule.spec.variables(), rule.spec.operator(), actions, rule.spec.chained(),
                    rule.spec.source());
        }
    }

    private List<Loaded> matching(String by, String which) {
        if (by.equals("Id")) {
            IdRanges ids = IdRanges.parse(which);
            return rules.stream().filter(rule -> ids.contains(id(rule.spec))).toList();
        }
        return rules.stream().filter(rule -> tags(rule.spec).contains(which)).toList();
    }

    private static long id(RuleSpec spec) {
        String id = spec.action("id");
        try {
            return id == null ? 0 : Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> tags(RuleSpec spec) {
        return spec.actions().stream().filter(action -> action.name().equals("tag")).map(ActionSpec::argument)
                .toList();
    }

    private RuleSet build(List<String> notes) {
        List<List<PhaseEntry>> phases = new ArrayList<>();
        for (int phase = 0; phase <= 5; phase++) {
            phases.add(new ArrayList<>());
        }
        Map<Path, Integer> rulesByFile = new LinkedHashMap<>();
        for (Object entry : order) {
            if (entry instanceof String marker) {
                for (int phase = 1; phase <= 5; phase++) {
                    phases.get(phase).add(new PhaseEntry(null, marker));
                }
                continue;
            }
            Loaded loaded = (Loaded) entry;
            rulesByFile.merge(loaded.spec.source().file(), loaded.removed ? 0 : 1, Integer::sum);
            if (!loaded.removed) {
                Rule rule = RuleCompiler.compile(loaded.spec, loaded.defaults, chains, slots);
                phases.get(loaded.phase).add(new PhaseEntry(rule, null));
            }
        }
        List<PhaseRules> ruled = phases.stream().map(PhaseRules::of).toList();
        return new RuleSet(ruled, settings, java.util.Collections.unmodifiableMap(rulesByFile),
                List.copyOf(notes), new PersistentCollections(), new RecentValues(chains.size(), slots.count()),
                SideScan.of(ruled.subList(0, RuleSet.FIRST_RESPONSE_PHASE), chains.size()),
                SideScan.of(ruled.subList(RuleSet.FIRST_RESPONSE_PHASE, ruled.size()), chains.size()));
    }
}
