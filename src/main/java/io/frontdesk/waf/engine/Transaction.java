package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import io.frontdesk.waf.engine.body.BodyProcessors;
import io.frontdesk.waf.engine.body.ParsedBody;
import io.frontdesk.waf.engine.body.UrlEncodedFields;
import io.frontdesk.waf.engine.operator.OperatorContext;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.rule.Disruption;
import io.frontdesk.waf.engine.rule.IdRanges;
import io.frontdesk.waf.engine.rule.MatchAction;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.rule.RuleContext;
import io.frontdesk.waf.engine.rule.RuleInfo;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.variable.MutableCollection;
import io.frontdesk.waf.engine.variable.Target;
import io.frontdesk.waf.engine.variable.VariableValue;

/**
 * One request and its response going through the rules, phase by phase: give it the request line
 * and headers, then {@link #processRequestHeaders()} (phase 1); the body, then
 * {@link #processRequestBody()} (phase 2); the same for the response (phases 3 and 4); and
 * {@link #processLogging()} (phase 5) at the end. Each phase returns the interruption when a rule
 * stopped the transaction. Not thread-safe: one transaction is used by one thread at a time.
 */
public final class Transaction {

    private static final int MOST_LOG_DATA = 512;
    private static final BiPredicate<String, String> NOTHING_EXCLUDED = (collection, key) -> false;

    private final RuleSet ruleSet;
    private final EngineSettings settings;
    private final String id;
    private final Variables variables = new Variables();
    private final Context context = new Context();
    private EngineMode mode;

    private String method = "GET";
    private String uri = "/";
    private String protocol = "HTTP/1.1";
    private String requestContentType = "";
    private String bodyProcessor;
    private boolean requestBodyAccess;
    private boolean forceRequestBodyVariable;
    private final HeldBody requestBody = new HeldBody();
    private final HeldBody responseBody = new HeldBody();

    private final List<IdRanges> removedIds = new ArrayList<>();
    private final Set<String> removedTags = new HashSet<>();
    private final List<TargetRemoval> removedTargets = new ArrayList<>();
    private final Map<String, String> openedKeys = new HashMap<>();
    private final TransformedValues transformed;
    private final Map<String, ScannedValue> scanned = new HashMap<>();
    private final List<VariableValue> values = new ArrayList<>();

    private final List<RuleMatch> matches = new ArrayList<>();
    private Interruption interruption;
    private boolean requestAllowed;
    private boolean transactionAllowed;
    private String auditEngine;
    private Rule current;
    private Rule currentHead;
    private BudgetMeter meter = new BudgetMeter(null);
    private int budgetSpentIn;
    private int runningPhase;

    private record TargetRemoval(IdRanges ids, String tag, Target target) {
        boolean appliesTo(RuleInfo rule) {
            return ids != null ? ids.contains(rule.id()) : rule.tags().contains(tag);
        }
    }

    Transaction(RuleSet ruleSet, String id) {
        this.ruleSet = ruleSet;
        this.settings = ruleSet.settings();
        this.id = id;
        this.mode = settings.mode();
        this.requestBodyAccess = settings.requestBodyAccess();
        this.transformed = new TransformedValues(ruleSet.transformationChains());
        variables.scalars.put("UNIQUE_ID", id);
        variables.rule = this::ruleFact;
    }

    public String id() {
        return id;
    }

    /** Runs this transaction in another mode, as {@code ctl:ruleEngine} would. */
    public void overrideMode(EngineMode newMode) {
        context.setMode(newMode);
    }

    /** Leaves these rules out of this transaction, as {@code ctl:ruleRemoveById} would. */
    public void removeRules(IdRanges ids) {
        context.removeRules(ids);
    }

    /** Keeps a target from these rules in this transaction, as {@code ctl:ruleRemoveTargetById} would. */
    public void removeTarget(IdRanges ids, Target target) {
        context.removeTarget(ids, target);
    }

    /**
     * Limits the CPU time of this transaction's phases (body parsing included); once it is spent,
     * no further rule runs, and the transaction is refused when the budget says so and the mode is
     * {@code On}: with 413 when the request body's phase spent it, else with 503.
     */
    public void budget(InspectionBudget cpuBudget) {
        this.meter = new BudgetMeter(cpuBudget);
    }

    /** The phase (1 to 5) in which the budget ran out, or 0 while it lasts. */
    public int budgetSpentIn() {
        return budgetSpentIn;
    }

    /** The client's and the server's addresses and ports. */
    public void connection(String clientAddress, int clientPort, String serverAddress, int serverPort) {
        variables.scalars.put("REMOTE_ADDR", clientAddress);
        variables.scalars.put("REMOTE_HOST", clientAddress);
        variables.scalars.put("REMOTE_PORT", Integer.toString(clientPort));
        variables.scalars.put("SERVER_ADDR", serverAddress);
        variables.scalars.put("SERVER_PORT", Integer.toString(serverPort));
    }

    /** The request line: method, request-target as sent, protocol ({@code HTTP/1.1}). */
    public void requestLine(String requestMethod, String requestTarget, String requestProtocol) {
        this.method = requestMethod;
        this.uri = requestTarget;
        this.protocol = requestProtocol;
    }

    /** A request header, as sent; repeated headers are given one by one. */
    public void requestHeader(String name, String value) {
        variables.requestHeaders.add(name, value);
        if (name.equalsIgnoreCase("Cookie")) {
            cookies(value);
        } else if (name.equalsIgnoreCase("Content-Type")) {
            requestContentType = value;
        } else if (name.equalsIgnoreCase("Host")) {
            int colon = value.startsWith("[") ? value.indexOf(':', value.indexOf(']')) : value.indexOf(':');
            variables.scalars.put("SERVER_NAME", colon < 0 ? value : value.substring(0, colon));
        }
    }

    private void cookies(String header) {
        for (String piece : header.split(";")) {
            String cookie = piece.strip();
            if (cookie.isEmpty()) {
                continue;
            }
            int equals = cookie.indexOf('=');
            variables.requestCookies.add(equals < 0 ? cookie : cookie.substring(0, equals),
                    equals < 0 ? "" : cookie.substring(equals + 1));
        }
    }

    /** Phase 1: the request line and headers. */
    public Interruption processRequestHeaders() {
        return metered(1, this::requestHeaders);
    }

    private Interruption requestHeaders() {
        RequestTarget target = RequestTarget.parse(uri);
        Map<String, String> scalars = variables.scalars;
        scalars.put("REQUEST_METHOD", method);
        scalars.put("REQUEST_PROTOCOL", protocol);
        scalars.put("REQUEST_LINE", method + " " + uri + " " + protocol);
        scalars.put("REQUEST_URI_RAW", uri);
        scalars.put("REQUEST_URI", target.uri());
        scalars.put("REQUEST_FILENAME", target.filename());
        scalars.put("REQUEST_BASENAME", target.basename());
        scalars.put("QUERY_STRING", target.query() == null ? "" : target.query());
        if (target.query() != null) {
            UrlEncodedFields.split(target.query(), settings.argumentSeparator(), variables.argsGet::add);
        }
        bodyProcessor = BodyProcessors.forContentType(requestContentType);
        if (bodyProcessor != null) {
            scalars.put("REQBODY_PROCESSOR", bodyProcessor);
        }
        return run(1);
    }

    /** The most request body bytes worth giving: the rest would be over the limit. */
    public long requestBodyLimit() {
        boolean multipart = "MULTIPART".equals(bodyProcessor);
        return multipart ? settings.requestBodyLimit()
                : Math.min(settings.requestBodyLimit(), settings.requestBodyNoFilesLimit());
    }

    /** Whether the request body is inspected at all (SecRequestBodyAccess, or ctl:requestBodyAccess). */
    public boolean wantsRequestBody() {
        return requestBodyAccess && mode != EngineMode.OFF && interruption == null;
    }

    /**
     * More of the request body, as bytes (one char each). Past the limit the body is marked over it
     * and the surplus dropped; returns whether more is wanted.
     */
    public boolean appendRequestBody(String bytes) {
        return requestBody.append(bytes, requestBodyLimit());
    }

    /**
     * Phase 2: the body is read by its processor into ARGS_POST, FILES and the rest. A body over
     * the limit is refused with 413 when the engine is on and rejects, and inspected in part
     * otherwise (INBOUND_DATA_ERROR is then 1).
     */
    public Interruption processRequestBody() {
        if (interruption != null) {
            return interruption;
        }
        return metered(2, this::requestBody);
    }

    private Interruption requestBody() {
        Map<String, String> scalars = variables.scalars;
        if (requestBodyAccess) {
            if (requestBody.overLimit()) {
                scalars.put("INBOUND_DATA_ERROR", "1");
                if (settings.rejectOverLimit() && mode == EngineMode.ON) {
                    interruption = new Interruption(Interruption.Action.DENY, 413, null, 0);
                    return interruption;
                }
            }
            readRequestBody(scalars);
        }
        return run(2);
    }

    private void readRequestBody(Map<String, String> scalars) {
        String body = requestBody.toString();
        scalars.put("REQUEST_BODY_LENGTH", Integer.toString(body.length()));
        // JSON too, as ModSecurity v3 fills it: CRS rules written for JSON bodies (934210) look there.
        if (bodyProcessor == null || bodyProcessor.equals("URLENCODED") || bodyProcessor.equals("JSON")
                || forceRequestBodyVariable) {
            scalars.put("REQUEST_BODY", body);
        }
        scalars.put("REQBODY_ERROR", "0");
        scalars.put("REQBODY_PROCESSOR_ERROR", "0");
        if (bodyProcessor == null || body.isEmpty()) {
            return;
        }
        var processor = BodyProcessors.named(bodyProcessor, settings.argumentSeparator());
        if (processor == null) {
            bodyError("Unknown request body processor: " + bodyProcessor);
            return;
        }
        ParsedBody parsed = new ParsedBody();
        processor.process(body, requestContentType, parsed);
        for (ParsedBody.Field field : parsed.arguments()) {
            variables.argsPost.add(field.name(), field.value());
        }
        for (ParsedBody.UploadedFile file : parsed.files()) {
            variables.files.add(file.field(), file.fileName());
            variables.filesSizes.add(file.field(), Long.toString(file.size()));
            variables.filesContent.add(file.field(), file.content());
        }
        for (ParsedBody.Field header : parsed.partHeaders()) {
            variables.partHeaders.add(header.name(), header.value());
        }
        if (!parsed.xmlNodes().isEmpty()) {
            StringBuilder text = new StringBuilder();
            parsed.xmlNodes().forEach(node -> text.append(node.value()));
            variables.xml.add("/*", text.toString());
        }
        parsed.xmlAttributes().forEach(attribute -> variables.xml.add("//@*", attribute.value()));
        parsed.collectionValues().forEach(value -> variables.multiValued
                .computeIfAbsent(value.name(), name -> new ArrayList<>()).add(value.value()));
        scalars.putAll(parsed.flags());
        if (parsed.error() != null) {
            bodyError(parsed.error());
        }
    }

    private void bodyError(String message) {
        variables.scalars.put("REQBODY_ERROR", "1");
        variables.scalars.put("REQBODY_PROCESSOR_ERROR", "1");
        variables.scalars.put("REQBODY_ERROR_MSG", message);
        variables.scalars.put("REQBODY_PROCESSOR_ERROR_MSG", message);
    }

    /** The response's status line. */
    public void responseStatus(int status, String responseProtocol) {
        variables.scalars.put("RESPONSE_STATUS", Integer.toString(status));
        variables.scalars.put("RESPONSE_PROTOCOL", responseProtocol);
        variables.scalars.put("STATUS_LINE", responseProtocol + " " + status);
    }

    public void responseHeader(String name, String value) {
        variables.responseHeaders.add(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            variables.scalars.put("RESPONSE_CONTENT_TYPE", value);
        } else if (name.equalsIgnoreCase("Content-Length")) {
            variables.scalars.put("RESPONSE_CONTENT_LENGTH", value);
        }
    }

    /** Phase 3: the response status and headers. */
    public Interruption processResponseHeaders() {
        return metered(3, () -> run(3));
    }

    /** Whether the response body is inspected: SecResponseBodyAccess, for the listed media types. */
    public boolean wantsResponseBody() {
        if (!settings.responseBodyAccess() || mode == EngineMode.OFF || interruption != null
                || transactionAllowed) {
            return false;
        }
        String type = variables.scalars.getOrDefault("RESPONSE_CONTENT_TYPE", "");
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return settings.responseBodyMimeTypes().contains(mediaType);
    }

    /** More of the response body, as bytes; returns whether more is wanted. */
    public boolean appendResponseBody(String bytes) {
        return responseBody.append(bytes, settings.responseBodyLimit());
    }

    /** Phase 4: the response body, when it was inspected. */
    public Interruption processResponseBody() {
        return metered(4, this::responseBody);
    }

    private Interruption responseBody() {
        if (responseBody.overLimit()) {
            variables.scalars.put("OUTBOUND_DATA_ERROR", "1");
            if (settings.rejectResponseOverLimit() && mode == EngineMode.ON && interruption == null) {
                interruption = new Interruption(Interruption.Action.DENY, 500, null, 0);
                return interruption;
            }
        }
        variables.scalars.put("RESPONSE_BODY", responseBody.toString());
        return run(4);
    }

    /** Phase 5, which runs even for a stopped transaction; persistent collections are saved after it. */
    public void processLogging() {
        metered(5, () -> run(5));
        long now = System.currentTimeMillis() / 1000;
        openedKeys.forEach((collection, key) -> ruleSet.persistent().store(collection, key,
                variables.opened.get(collection), now, settings.collectionTimeoutSeconds()));
    }

    /** The logged rules that matched, in the order they matched. */
    public List<RuleMatch> matches() {
        return matches;
    }

    /** What stopped the transaction, or {@code null}. */
    public Interruption interruption() {
        return interruption;
    }

    /** The mode in force, which {@code ctl:ruleEngine} may have changed. */
    public EngineMode mode() {
        return mode;
    }

    /** What {@code ctl:auditEngine} asked for ({@code On}, {@code Off}, {@code RelevantOnly}), or {@code null}. */
    public String auditEngine() {
        return auditEngine;
    }

    /** Why the request body could not be parsed (REQBODY_ERROR_MSG, in ModSecurity's words), or {@code null}. */
    public String requestBodyError() {
        return variables.scalars.get("REQBODY_ERROR_MSG");
    }

    /** A TX variable (lower-case key), or {@code null}. */
    public String txValue(String key) {
        return variables.tx.get(key);
    }

    /**
     * Runs a phase's work on the budget: not at all once the budget is spent, and stopped where it
     * runs out (in the work, or at the phase's end when the last check came before).
     */
    private Interruption metered(int newPhase, Supplier<Interruption> work) {
        if (budgetSpentIn != 0) {
            return interruption;
        }
        runningPhase = newPhase;
        meter.startPhase();
        Interruption stopped = work.get();
        if (meter.endPhase() && stopped == null && budgetSpentIn == 0) {
            return budgetSpent();
        }
        return stopped;
    }

    private Interruption budgetSpent() {
        budgetSpentIn = runningPhase;
        if (meter.refuses() && mode == EngineMode.ON && interruption == null
                && runningPhase != 5) {
            interruption = new Interruption(Interruption.Action.DENY, runningPhase == 2 ? 413 : 503, null, 0);
        }
        return interruption;
    }

    private Interruption run(int phase) {
        if (mode == EngineMode.OFF) {
            return null;
        }
        if (phase != 5 && (interruption != null || transactionAllowed || (requestAllowed && phase <= 2))) {
            return interruption;
        }
        List<PhaseEntry> entries = ruleSet.phase(phase);
        String skipAfter = null;
        int skip = 0;
        for (PhaseEntry entry : entries) {
            if (entry.marker() != null) {
                if (entry.marker().equals(skipAfter)) {
                    skipAfter = null;
                }
                continue;
            }
            if (skipAfter != null) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            Rule rule = entry.rule();
            if (removed(rule.info())) {
                continue;
            }
            if (meter.rule()) {
                return budgetSpent();
            }
            boolean matched = evaluate(rule);
            if (budgetSpentIn != 0) {
                return interruption;
            }
            if (!matched) {
                continue;
            }
            matched(rule);
            Disruption disruption = rule.disruption();
            if (mode == EngineMode.ON && disruption.stops() && phase != 5) {
                interruption = interruption(rule);
                return interruption;
            }
            if (mode == EngineMode.ON && disruption.kind() == Disruption.Kind.ALLOW) {
                Disruption.AllowScope scope = disruption.allowScope();
                requestAllowed = scope == Disruption.AllowScope.REQUEST;
                transactionAllowed = scope == Disruption.AllowScope.TRANSACTION;
                return null;
            }
            skip = rule.skip();
            skipAfter = rule.skipAfter();
        }
        return null;
    }

    private boolean removed(RuleInfo rule) {
        for (IdRanges ids : removedIds) {
            if (ids.contains(rule.id())) {
                return true;
            }
        }
        for (String tag : rule.tags()) {
            if (removedTags.contains(tag)) {
                return true;
            }
        }
        return false;
    }

    private boolean evaluate(Rule head) {
        variables.matchedVars.clear();
        currentHead = head;
        for (Rule link = head; link != null; link = link.chained()) {
            if (!evaluateLink(link, head)) {
                return false;
            }
        }
        return true;
    }

    private boolean evaluateLink(Rule link, Rule head) {
        current = link;
        if (link.targets().isEmpty()) {
            boolean matched = link.operator().matches("", context) != link.negated();
            if (matched) {
                onMatch(link, "", "");
            }
            return matched;
        }
        values.clear();
        BiPredicate<String, String> excluded = exclusions(link, head);
        for (Target target : link.targets()) {
            variables.select(target, excluded, values);
        }
        boolean any = false;
        for (int i = 0; i < values.size(); i++) {
            VariableValue value = values.get(i);
            if (meter.value(value.value())) {
                budgetSpent();
                return false;
            }
            String matchedValue = matchValue(link, value.value());
            if (matchedValue != null) {
                any = true;
                onMatch(link, value.name(), matchedValue);
            }
        }
        return any;
    }

    private BiPredicate<String, String> exclusions(Rule link, Rule head) {
        List<Target> runtime = List.of();
        for (TargetRemoval removal : removedTargets) {
            if (removal.appliesTo(head.info())) {
                runtime = runtime.isEmpty() ? new ArrayList<>() : runtime;
                runtime.add(removal.target());
            }
        }
        if (link.exclusions().isEmpty() && runtime.isEmpty()) {
            return NOTHING_EXCLUDED;
        }
        List<Target> atRunTime = runtime;
        return (collection, key) -> excludes(link.exclusions(), collection, key)
                || excludes(atRunTime, collection, key);
    }

    private static boolean excludes(List<Target> exclusions, String collection, String key) {
        for (int i = 0; i < exclusions.size(); i++) {
            Target exclusion = exclusions.get(i);
            if (exclusion.collection().equals(collection) && exclusion.selects(key)) {
                return true;
            }
        }
        return false;
    }

    /** The value the operator matched (transformed), or {@code null} when it matched none. */
    private String matchValue(Rule link, String raw) {
        if (link.multiMatch()) {
            String value = raw;
            if (link.operator().matches(value, context) != link.negated()) {
                return value;
            }
            List<TransformationChain> steps = link.transformations().steps();
            for (int i = 0; i < steps.size(); i++) {
                String next = transformed.of(raw, steps.get(i));
                if (!next.equals(value) && link.operator().matches(next, context) != link.negated()) {
                    return next;
                }
                value = next;
            }
            return null;
        }
        String value = transformed.of(raw, link.transformations());
        return link.operator().matches(value, context) != link.negated() ? value : null;
    }

    private void onMatch(Rule link, String name, String value) {
        variables.scalars.put("MATCHED_VAR", value);
        variables.scalars.put("MATCHED_VAR_NAME", name);
        variables.matchedVars.add(name, value);
        for (MatchAction action : link.matchActions()) {
            action.apply(context);
        }
    }

    private void matched(Rule head) {
        current = head;
        if (!head.log()) {
            return;
        }
        RuleInfo info = head.info();
        if (info.severity() >= 0) {
            variables.highestSeverity = Math.min(variables.highestSeverity, info.severity());
        }
        String data = info.logdata() == null ? "" : info.logdata().expand(context);
        matches.add(new RuleMatch(info, info.msg() == null ? "" : info.msg().expand(context),
                data.length() > MOST_LOG_DATA ? data.substring(0, MOST_LOG_DATA) : data,
                variables.scalars.getOrDefault("MATCHED_VAR_NAME", ""),
                variables.scalars.getOrDefault("MATCHED_VAR", "")));
    }

    private Interruption interruption(Rule head) {
        Disruption disruption = head.disruption();
        switch (disruption.kind()) {
            case DROP:
                return new Interruption(Interruption.Action.DROP, 0, null, head.id());
            case REDIRECT:
                return new Interruption(Interruption.Action.REDIRECT,
                        disruption.status() != 0 ? disruption.status() : 302, disruption.redirect().expand(context),
                        head.id());
            default:
                return new Interruption(Interruption.Action.DENY,
                        disruption.status() != 0 ? disruption.status() : settings.denyStatus(), null, head.id());
        }
    }

    private String ruleFact(String key) {
        Rule rule = currentHead != null ? currentHead : current;
        if (rule == null) {
            return null;
        }
        RuleInfo info = rule.info();
        switch (key) {
            case "id":
                return Integer.toString(info.id());
            case "msg":
                return info.msg() == null ? "" : info.msg().expand(context);
            case "logdata":
                return info.logdata() == null ? "" : info.logdata().expand(context);
            case "severity":
                return info.severity() < 0 ? "" : Integer.toString(info.severity());
            case "phase":
                return Integer.toString(info.phase());
            case "ver":
                return info.ver();
            case "rev":
                return info.rev();
            default:
                return null;
        }
    }

    /** What rules and their operators reach of the transaction. */
    private final class Context implements RuleContext, OperatorContext {

        @Override
        public String value(String variable, String key) {
            return variables.macroValue(variable, key);
        }

        @Override
        public boolean capturing() {
            return current != null && current.capture();
        }

        @Override
        public void capture(int index, String text) {
            variables.tx.set(Integer.toString(index), text);
        }

        @Override
        public void matchLimitExceeded(String detail) {
            variables.tx.set("MSC_PCRE_LIMITS_EXCEEDED", "1");
        }

        @Override
        public ScannedValue scanned(String value) {
            ScannedValue found = scanned.get(value);
            if (found == null) {
                found = ruleSet.scan().scan(value);
                scanned.put(value, found);
            }
            return found;
        }

        @Override
        public MutableCollection collection(String name) {
            return variables.mutable(name);
        }

        @Override
        public void openCollection(String name, String key) {
            if (!Variables.isPersistent(name)) {
                return;
            }
            long now = System.currentTimeMillis() / 1000;
            variables.opened.put(name, ruleSet.persistent().load(name, key, now, settings.collectionTimeoutSeconds()));
            openedKeys.put(name, key);
        }

        @Override
        public void expire(String collection, String key, long seconds) {
            MutableCollection values = variables.mutable(collection);
            if (values != null) {
                long at = System.currentTimeMillis() / 1000 + seconds;
                values.set(PersistentCollections.EXPIRY_PREFIX + key, Long.toString(at));
            }
        }

        @Override
        public void setEnv(String name, String value) {
            variables.env.add(name, value);
        }

        @Override
        public void setMode(EngineMode newMode) {
            mode = newMode;
        }

        @Override
        public void removeRules(IdRanges ids) {
            removedIds.add(ids);
        }

        @Override
        public void removeRulesByTag(String tag) {
            removedTags.add(tag);
        }

        @Override
        public void removeTarget(IdRanges ids, Target target) {
            removedTargets.add(new TargetRemoval(ids, null, target));
        }

        @Override
        public void removeTargetByTag(String tag, Target target) {
            removedTargets.add(new TargetRemoval(null, tag, target));
        }

        @Override
        public void setRequestBodyProcessor(String name) {
            bodyProcessor = name;
            variables.scalars.put("REQBODY_PROCESSOR", name);
        }

        @Override
        public void setRequestBodyAccess(boolean on) {
            requestBodyAccess = on;
        }

        @Override
        public void forceRequestBodyVariable(boolean on) {
            forceRequestBodyVariable = on;
        }

        @Override
        public void setAuditEngine(String value) {
            auditEngine = value;
        }
    }
}
