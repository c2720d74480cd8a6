package io.frontdesk.waf.engine.seclang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.frontdesk.waf.engine.operator.Operators;
import io.frontdesk.waf.engine.transform.Transformations;

/**
 * Reads SecLang (ModSecurity's rule language) into statements, following {@code Include}
 * directives (globs allowed, relative to the including file). Directives that only tune
 * ModSecurity's own logging and storage are accepted and reported as notes; any other unknown
 * directive, variable, operator, action or transformation is an error naming its file and line.
 */
public final class SecLangParser {

    private static final Set<String> SETTINGS = Set.of("SecRuleEngine", "SecRequestBodyAccess",
            "SecRequestBodyLimit", "SecRequestBodyLimitAction", "SecRequestBodyNoFilesLimit",
            "SecRequestBodyInMemoryLimit", "SecResponseBodyAccess", "SecResponseBodyMimeType",
            "SecResponseBodyLimit", "SecResponseBodyLimitAction", "SecComponentSignature", "SecCollectionTimeout",
            "SecArgumentSeparator", "SecPcreMatchLimit", "SecPcreMatchLimitRecursion");

    private static final Set<String> LOGGING_ONLY = Set.of("SecAuditEngine", "SecAuditLog", "SecAuditLog2",
            "SecAuditLogParts", "SecAuditLogType", "SecAuditLogFormat", "SecAuditLogStorageDir",
            "SecAuditLogRelevantStatus", "SecAuditLogDirMode", "SecAuditLogFileMode", "SecDebugLog",
            "SecDebugLogLevel", "SecTmpDir", "SecDataDir", "SecUploadDir", "SecUploadKeepFiles",
            "SecUploadFileMode", "SecUploadFileLimit", "SecTmpSaveUploadedFiles", "SecStatusEngine",
            "SecUnicodeMapFile", "SecCookieFormat");

    /** The statements of the files, and notes on what was accepted but has no effect. */
    public record Result(List<Statement> statements, List<String> notes) {
    }

    private final List<Statement> statements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private RuleSpec chainHead;
    private final List<RuleSpec> chainLinks = new ArrayList<>();

    private SecLangParser() {
    }

    /** Parses the files in order, as if they were one. */
    public static Result parse(List<Path> files) {
        SecLangParser parser = new SecLangParser();
        for (Path file : files) {
            parser.file(file.toAbsolutePath().normalize());
        }
        parser.endOfChain(null);
        return new Result(List.copyOf(parser.statements), List.copyOf(parser.notes));
    }

    private void file(Path file) {
        for (Directive directive : DirectiveReader.read(file)) {
            directive(directive);
        }
    }

    private void directive(Directive directive) {
        String name = directive.name();
        Source source = directive.source();
        List<String> arguments = directive.arguments();
        if (!name.equals("SecRule")) {
            endOfChain(directive);
        }
        switch (name) {
            case "SecRule" -> {
                expect(directive, 3);
                rule(new RuleSpec(SpecParser.variables(arguments.get(0), source), operator(arguments.get(1), source),
                        arguments.size() > 2 ? actions(arguments.get(2), source) : List.of(), null, source));
            }
            case "SecAction" -> {
                expect(directive, 1);
                rule(new RuleSpec(List.of(), new OperatorSpec("unconditionalMatch", "", false),
                        actions(arguments.get(0), source), null, source));
            }
            case "SecMarker" -> {
                expect(directive, 1);
                statements.add(new Statement.Marker(arguments.get(0), source));
            }
            case "SecDefaultAction" -> {
                expect(directive, 1);
                statements.add(new Statement.DefaultActions(actions(arguments.get(0), source), source));
            }
            case "SecRuleRemoveById", "SecRuleRemoveByTag", "SecRuleRemoveByMsg" -> {
                if (arguments.isEmpty()) {
                    throw new SecLangException(source, name + " needs at least one argument");
                }
                statements.add(new Statement.Removal(name.substring("SecRuleRemoveBy".length()), arguments, source));
            }
            case "SecRuleUpdateTargetById", "SecRuleUpdateTargetByTag" -> {
                if (arguments.size() < 2 || arguments.size() > 3) {
                    throw new SecLangException(source, name + " takes a rule, targets and optionally a target"
                            + " to replace");
                }
                statements.add(new Statement.TargetUpdate(name.substring("SecRuleUpdateTargetBy".length()),
                        arguments.get(0), SpecParser.variables(arguments.get(1), source),
                        arguments.size() == 3 ? arguments.get(2) : null, source));
            }
            case "SecRuleUpdateActionById" -> {
                expect(directive, 2);
                statements.add(new Statement.ActionUpdate(arguments.get(0), actions(arguments.get(1), source), source));
            }
            case "Include" -> {
                expect(directive, 1);
                include(arguments.get(0), source);
            }
            default -> {
                if (SETTINGS.contains(name)) {
                    // SecResponseBodyMimeType lists types, quoted as one argument or not.
                    expect(directive, name.equals("SecResponseBodyMimeType") ? Math.max(1, arguments.size()) : 1);
                    statements.add(new Statement.Setting(name, String.join(" ", arguments), source));
                } else if (LOGGING_ONLY.contains(name)) {
                    notes.add(source + ": " + name + " only tunes ModSecurity's own logging or storage; ignored");
                } else {
                    throw new SecLangException(source, "unknown directive " + name);
                }
            }
        }
    }

    private static void expect(Directive directive, int most) {
        int count = directive.arguments().size();
        int least = directive.name().equals("SecRule") ? 2 : most;
        if (count < least || count > most) {
            throw new SecLangException(directive.source(), directive.name() + " takes "
                    + (least == most ? String.valueOf(most) : least + " or " + most) + " arguments, not " + count);
        }
    }

    /** Rules of a chain are collected until a rule without {@code chain} ends it. */
    private void rule(RuleSpec rule) {
        if (chainHead == null) {
            chainHead = rule;
        } else {
            chainLinks.add(rule);
        }
        if (rule.action("chain") == null) {
            endOfChain(null);
        }
    }

    private void endOfChain(Directive interrupting) {
        if (chainHead == null) {
            return;
        }
        if (interrupting != null) {
            throw new SecLangException(interrupting.source(), "the rule at " + chainHead.source()
                    + " asks for a chained rule, but " + interrupting.name() + " follows");
        }
        RuleSpec linked = null;
        for (int i = chainLinks.size() - 1; i >= 0; i--) {
            linked = chainLinks.get(i).withChained(linked);
        }
        statements.add(new Statement.Rule(chainHead.withChained(linked)));
        chainHead = null;
        chainLinks.clear();
    }

    private void include(String pattern, Source source) {
        Path base = source.file().getParent();
        Path target = base.resolve(pattern).normalize();
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
            if (!Files.isRegularFile(target)) {
                throw new SecLangException(source, "Include names no file: " + target);
            }
            file(target);
            return;
        }
        Path directory = target.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + target);
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.filter(matcher::matches).filter(Files::isRegularFile).sorted().toList()) {
                file(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static OperatorSpec operator(String text, Source source) {
        OperatorSpec operator = SpecParser.operator(text);
        if (!Operators.has(operator.name())) {
            throw new SecLangException(source, "unknown operator @" + operator.name());
        }
        return operator;
    }

    private static List<ActionSpec> actions(String text, Source source) {
        List<ActionSpec> actions = SpecParser.actions(text, source);
        for (ActionSpec action : actions) {
            if (action.action() == null) {
                throw new SecLangException(source, "unknown action " + action.name());
            }
            boolean transformation = action.action() == Action.T;
            if (transformation && (action.argument() == null || Transformations.named(action.argument()) == null)) {
                throw new SecLangException(source, "unknown transformation " + action.argument());
            }
        }
        return actions;
    }
}
