package io.frontdesk.waf.engine.rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.operator.Operator;
import io.frontdesk.waf.engine.operator.Operators;
import io.frontdesk.waf.engine.seclang.Action;
import io.frontdesk.waf.engine.seclang.ActionSpec;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangException;
import io.frontdesk.waf.engine.seclang.VariableSpec;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.transform.TransformationChains;
import io.frontdesk.waf.engine.variable.Target;

/**
 * Turns a rule as written, with the SecDefaultAction of its phase, into a {@link Rule}. Every
 * problem is a {@link SecLangException} naming the rule's file and line.
 */
public final class RuleCompiler {

    private RuleCompiler() {
    }

    /** The phase a rule's actions name ({@code phase:2}, {@code phase:request}), 2 when they name none. */
    public static int phase(List<ActionSpec> actions) {
        int phase = 2;
        for (ActionSpec action : actions) {
            if (action.action() == Action.PHASE) {
                phase = phaseNumber(action.argument());
            }
        }
        return phase;
    }

    private static int phaseNumber(String text) {
        switch (text == null ? "" : text.strip()) {
            case "1":
                return 1;
            case "2":
            case "request":
                return 2;
            case "3":
                return 3;
            case "4":
            case "response":
                return 4;
            case "5":
            case "logging":
                return 5;
            default:
                throw new IllegalArgumentException("phase is 1 to 5, request, response or logging, not '" + text + "'");
        }
    }

    /**
     * Compiles a rule, its transformations taken from (or added to) the rule set's {@code chains},
     * its verdict slots from the rule set's {@code slots}.
     */
    public static Rule compile(RuleSpec spec, List<ActionSpec> defaults, TransformationChains chains,
            VerdictSlots slots) {
        try {
            return compile(spec, defaults, chains, slots, phase(spec.actions()), true);
        } catch (IllegalArgumentException e) {
            throw new SecLangException(spec.source(), e.getMessage());
        }
    }

    private static Rule compile(RuleSpec spec, List<ActionSpec> defaults, TransformationChains chains,
            VerdictSlots slots, int phase, boolean head) {
        Settings settings = new Settings();
        for (ActionSpec action : defaults) {
            settings.apply(action, true);
        }
        for (ActionSpec action : spec.actions()) {
            settings.apply(action, false);
        }
        List<Target> targets = new ArrayList<>();
        List<Target> exclusions = new ArrayList<>();
        for (VariableSpec variable : spec.variables()) {
            Target target = Target.of(variable);
            (target.excluded() ? exclusions : targets).add(target);
        }
        Path directory = spec.source().file().getParent();
        Operator operator = Operators.create(spec.operator().name(), spec.operator().argument(), directory);
        if (operator == null) {
            throw new IllegalArgumentException("the operator @" + spec.operator().name() + " is not supported");
        }
        Rule chained = null;
        if (spec.chained() != null) {
            chained = compile(spec.chained(), List.of(), chains, slots, phase, false);
        }
        RuleInfo info = new RuleInfo(settings.id, phase, settings.msg, settings.logdata, List.copyOf(settings.tags),
                settings.severity, settings.ver, settings.rev, spec.source());
        String operatorText = (spec.operator().negated() ? "!@" : "@") + spec.operator().name()
                + (spec.operator().argument().isEmpty() ? "" : " " + spec.operator().argument());
        Disruption disruption = head ? settings.disruption() : null;
        TransformationChain transformations = chains.of(settings.transformationNames);
        int verdictSlot = slots.slotsFor(operator.decidedByValueAlone(),
                settings.multiMatch ? transformations.steps().size() + 1 : 1);
        return new Rule(info, List.copyOf(targets), List.copyOf(exclusions), operator, spec.operator().negated(),
                operatorText, transformations, settings.multiMatch, verdictSlot,
                settings.capture, List.copyOf(settings.matchActions), disruption, settings.skip,
                settings.skipAfter, settings.log, settings.auditLog, chained);
    }

    /** The actions of a rule, read in order over those of its SecDefaultAction. */
    private static final class Settings {
        int id;
        Macro msg;
        Macro logdata;
        final List<String> tags = new ArrayList<>();
        int severity = -1;
        String ver;
        String rev;
        final List<String> transformationNames = new ArrayList<>();
        boolean multiMatch;
        boolean capture;
        final List<MatchAction> matchActions = new ArrayList<>();
        Disruption.Kind kind = Disruption.Kind.PASS;
        Disruption.Kind defaultKind = Disruption.Kind.PASS;
        int status;
        int defaultStatus;
        Macro redirect;
        Disruption.AllowScope allowScope;
        int skip;
        String skipAfter;
        boolean log = true;
        boolean auditLog = true;

        void apply(ActionSpec action, boolean fromDefaults) {
            String argument = action.argument();
            switch (action.action()) {
                case ID -> id = number("id", argument);
                case MSG -> msg = Macro.parse(argument);
                case LOGDATA -> logdata = Macro.parse(argument);
                case TAG -> tags.add(argument);
                case SEVERITY -> severity = RuleInfo.severity(argument);
                case VER -> ver = argument;
                case REV -> rev = argument;
                case T -> transformation(argument);
                case MULTI_MATCH -> multiMatch = true;
                case CAPTURE -> capture = true;
                case SETVAR -> matchActions.add(SetVar.parse(argument));
                case CTL -> matchActions.add(Control.parse(argument));
                case INITCOL -> matchActions.add(PersistentActions.initcol(argument));
                case EXPIREVAR -> matchActions.add(PersistentActions.expirevar(argument));
                case SETENV -> matchActions.add(PersistentActions.setenv(argument));
                case PASS, BLOCK, DENY, DROP, ALLOW, REDIRECT -> disruptive(action, fromDefaults);
                case STATUS -> {
                    status = number("status", argument);
                    if (fromDefaults) {
                        defaultStatus = status;
                    }
                }
                case SKIP -> skip = number("skip", argument);
                case SKIP_AFTER -> skipAfter = argument;
                case LOG -> log = true;
                case NOLOG -> {
                    log = false;
                    auditLog = false;
                }
                case AUDITLOG -> auditLog = true;
                case NOAUDITLOG -> auditLog = false;
                case PHASE, CHAIN, MATURITY, ACCURACY, SANITISE_MATCHED, SANITIZE_MATCHED -> {
                    // read elsewhere, or without effect here
                }
            }
        }

        private void transformation(String name) {
            if (name.equals("none")) {
                transformationNames.clear();
                return;
            }
            transformationNames.add(name);
        }

        private void disruptive(ActionSpec action, boolean fromDefaults) {
            Disruption.Kind named = Disruption.Kind.valueOf(action.action().name());
            if (named == Disruption.Kind.REDIRECT) {
                redirect = Macro.parse(action.argument() == null ? "" : action.argument());
            }
            if (named == Disruption.Kind.ALLOW) {
                allowScope = allowScope(action.argument());
            }
            if (fromDefaults) {
                defaultKind = named;
            }
            kind = named;
        }

        private static Disruption.AllowScope allowScope(String argument) {
            if (argument == null || argument.isEmpty()) {
                return Disruption.AllowScope.TRANSACTION;
            }
            switch (argument) {
                case "phase":
                    return Disruption.AllowScope.PHASE;
                case "request":
                    return Disruption.AllowScope.REQUEST;
                default:
                    throw new IllegalArgumentException("allow takes phase or request, not '" + argument + "'");
            }
        }

        /** {@code block} means what the phase's SecDefaultAction does. */
        Disruption disruption() {
            if (kind == Disruption.Kind.BLOCK) {
                return new Disruption(defaultKind == Disruption.Kind.BLOCK ? Disruption.Kind.PASS : defaultKind,
                        status != 0 ? status : defaultStatus, redirect, allowScope);
            }
            return new Disruption(kind, status, redirect, allowScope);
        }

        private static int number(String action, String argument) {
            try {
                return Integer.parseInt(argument == null ? "" : argument.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(action + " needs a number, not '" + argument + "'");
            }
        }
    }
}
