package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.frontdesk.waf.engine.body.BodyProcessors;
import io.frontdesk.waf.engine.body.ParsedBody;
import io.frontdesk.waf.engine.body.UrlEncodedFields;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.rule.Disruption;
import io.frontdesk.waf.engine.rule.IdRanges;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.variable.MutableCollection;
import io.frontdesk.waf.engine.variable.Target;

/**
 * One request and its response going through the rules, phase by phase: give it the request line
 * and headers, then {@link #processRequestHeaders()} (phase 1); the body, then
 * {@link #processRequestBody()} (phase 2); the same for the response (phases 3 and 4); and
 * {@link #processLogging()} (phase 5) at the end. Each phase returns the interruption when a rule
 * stopped the transaction. Not thread-safe: one transaction is used by one thread at a time.
 *
 * <p>The transaction is the state: its variables, what stopped or allowed it, its bodies, the
 * collections it opened, its budget. A {@link PhaseRunner} runs each phase's rules over it, and a
 * {@link RuleEvaluator} each rule.
 */
public final class Transaction {

    /** The TX keys of captures 0 to 9. */
    private static final String[] CAPTURE_KEYS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private final RuleSet ruleSet;
    private final EngineSettings settings;
    private final String id;
    private final Variables variables;
    private final RuleRemovals removals = new RuleRemovals();
    private final Context context = new Context();
    private final RuleEvaluator evaluator;
    private final PhaseRunner phases;
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

    private final OpenedCollections persistent;

    private final List<RuleMatch> matches = new ArrayList<>();
    private Interruption interruption;
    private boolean requestAllowed;
    private boolean transactionAllowed;
    private String auditEngine;
    private BudgetMeter meter = new BudgetMeter(null);
    private int budgetSpentIn;
    private int runningPhase;

    Transaction(RuleSet ruleSet, String id) {
        this.ruleSet = ruleSet;
        this.settings = ruleSet.settings();
        this.id = id;
        this.variables = new Variables(ruleSet.txNames());
        this.mode = settings.mode();
        this.requestBodyAccess = settings.requestBodyAccess();
        this.persistent = new OpenedCollections(ruleSet.persistent(), settings.collectionTimeoutSeconds(),
                variables);
        TransformedValues transformed = new TransformedValues(ruleSet.recentValues());
        this.evaluator = new RuleEvaluator(variables, removals, transformed, context,
                new RuleGate(variables, transformed, ruleSet.wholeTargetPairs()));
        this.phases = new PhaseRunner(this, ruleSet, variables, removals, evaluator, context, matches);
        variables.scalars.put(Variable.UNIQUE_ID, id);
        variables.rule = key -> evaluator.rule() == null ? null : evaluator.rule().info().fact(key, context);
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
        variables.scalars.put(Variable.REMOTE_ADDR, clientAddress);
        variables.scalars.put(Variable.REMOTE_HOST, clientAddress);
        variables.scalars.put(Variable.REMOTE_PORT, Integer.toString(clientPort));
        variables.scalars.put(Variable.SERVER_ADDR, serverAddress);
        variables.scalars.put(Variable.SERVER_PORT, Integer.toString(serverPort));
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
            variables.scalars.put(Variable.SERVER_NAME, colon < 0 ? value : value.substring(0, colon));
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
        Scalars scalars = variables.scalars;
        scalars.put(Variable.REQUEST_METHOD, method);
        scalars.put(Variable.REQUEST_PROTOCOL, protocol);
        scalars.put(Variable.REQUEST_LINE, method + " " + uri + " " + protocol);
        scalars.put(Variable.REQUEST_URI_RAW, uri);
        scalars.put(Variable.REQUEST_URI, target.uri());
        scalars.put(Variable.REQUEST_FILENAME, target.filename());
        scalars.put(Variable.REQUEST_BASENAME, target.basename());
        scalars.put(Variable.QUERY_STRING, target.query() == null ? "" : target.query());
        if (target.query() != null) {
            UrlEncodedFields.split(target.query(), settings.argumentSeparator(), variables.argsGet::add);
        }
        bodyProcessor = BodyProcessors.forContentType(requestContentType);
        if (bodyProcessor != null) {
            scalars.put(Variable.REQBODY_PROCESSOR, bodyProcessor);
        }
        return phases.run(1);
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
        Scalars scalars = variables.scalars;
        if (requestBodyAccess) {
            if (requestBody.overLimit()) {
                scalars.put(Variable.INBOUND_DATA_ERROR, "1");
                if (settings.rejectOverLimit() && mode == EngineMode.ON) {
                    interruption = new Interruption(Interruption.Action.DENY, 413, null, 0);
                    return interruption;
                }
            }
            readRequestBody(scalars);
        }
        return phases.run(2);
    }

    private void readRequestBody(Scalars scalars) {
        String body = requestBody.toString();
        scalars.put(Variable.REQUEST_BODY_LENGTH, Integer.toString(body.length()));
        // JSON too, as ModSecurity v3 fills it: CRS rules written for JSON bodies (934210) look there.
        if (bodyProcessor == null || bodyProcessor.equals("URLENCODED") || bodyProcessor.equals("JSON")
                || forceRequestBodyVariable) {
            scalars.put(Variable.REQUEST_BODY, body);
        }
        scalars.put(Variable.REQBODY_ERROR, "0");
        scalars.put(Variable.REQBODY_PROCESSOR_ERROR, "0");
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
        RequestBodyVariables.fill(parsed, variables);
        if (parsed.error() != null) {
            bodyError(parsed.error());
        }
    }

    private void bodyError(String message) {
        variables.scalars.put(Variable.REQBODY_ERROR, "1");
        variables.scalars.put(Variable.REQBODY_PROCESSOR_ERROR, "1");
        variables.scalars.put(Variable.REQBODY_ERROR_MSG, message);
        variables.scalars.put(Variable.REQBODY_PROCESSOR_ERROR_MSG, message);
    }

    /** The response's status line. */
    public void responseStatus(int status, String responseProtocol) {
        variables.scalars.put(Variable.RESPONSE_STATUS, Integer.toString(status));
        variables.scalars.put(Variable.RESPONSE_PROTOCOL, responseProtocol);
        variables.scalars.put(Variable.STATUS_LINE, responseProtocol + " " + status);
    }

    public void responseHeader(String name, String value) {
        variables.responseHeaders.add(name, value);
        if (name.equalsIgnoreCase("Content-Type")) {
            variables.scalars.put(Variable.RESPONSE_CONTENT_TYPE, value);
        } else if (name.equalsIgnoreCase("Content-Length")) {
            variables.scalars.put(Variable.RESPONSE_CONTENT_LENGTH, value);
        }
    }

    /** Phase 3: the response status and headers. */
    public Interruption processResponseHeaders() {
        return metered(3, () -> phases.run(3));
    }

    /** Whether the response body is inspected: SecResponseBodyAccess, for the listed media types. */
    public boolean wantsResponseBody() {
        if (!settings.responseBodyAccess() || mode == EngineMode.OFF || interruption != null
                || transactionAllowed) {
            return false;
        }
        String type = variables.scalars.getOrDefault(Variable.RESPONSE_CONTENT_TYPE, "");
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
            variables.scalars.put(Variable.OUTBOUND_DATA_ERROR, "1");
            if (settings.rejectResponseOverLimit() && mode == EngineMode.ON && interruption == null) {
                interruption = new Interruption(Interruption.Action.DENY, 500, null, 0);
                return interruption;
            }
        }
        variables.scalars.put(Variable.RESPONSE_BODY, responseBody.toString());
        return phases.run(4);
    }

    /** Phase 5, which runs even for a stopped transaction; persistent collections are saved after it. */
    public void processLogging() {
        metered(5, () -> phases.run(5));
        persistent.save();
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

    /** Whether the rule set has rules for the logging phase (5), which may still match. */
    public boolean hasLoggingPhaseRules() {
        return !ruleSet.phase(5).isEmpty();
    }

    /** What {@code ctl:auditEngine} asked for ({@code On}, {@code Off}, {@code RelevantOnly}), or {@code null}. */
    public String auditEngine() {
        return auditEngine;
    }

    /** Why the request body could not be parsed (REQBODY_ERROR_MSG, in ModSecurity's words), or {@code null}. */
    public String requestBodyError() {
        return variables.scalars.get(Variable.REQBODY_ERROR_MSG);
    }

    /** A TX variable (lower-case key), or {@code null}. */
    public String txValue(String key) {
        return variables.tx.get(key);
    }

    /**
     * Runs a phase's work on the budget: not at all once the budget is spent, and stopped where it
     * runs out (in the work, or at the phase's end when the last check came before). A phase with
     * no rules has nothing to bound, and its clock is not read.
     */
    private Interruption metered(int newPhase, Supplier<Interruption> work) {
        if (budgetSpentIn != 0) {
            return interruption;
        }
        runningPhase = newPhase;
        if (ruleSet.phase(newPhase).isEmpty()) {
            return work.get();
        }
        meter.startPhase();
        Interruption stopped = work.get();
        if (meter.endPhase() && stopped == null && budgetSpentIn == 0) {
            return budgetSpent();
        }
        return stopped;
    }

    /** Marks the budget spent in the running phase; the interruption that follows, or {@code null}. */
    Interruption budgetSpent() {
        budgetSpentIn = runningPhase;
        if (meter.refuses() && mode == EngineMode.ON && interruption == null
                && runningPhase != 5) {
            interruption = new Interruption(Interruption.Action.DENY, runningPhase == 2 ? 413 : 503, null, 0);
        }
        return interruption;
    }

    BudgetMeter meter() {
        return meter;
    }

    /** Stops the transaction; returns {@code stop}. */
    Interruption interrupt(Interruption stop) {
        interruption = stop;
        return stop;
    }

    /** What a rule's {@code allow} lets through: from now on, the request's phases or every phase (but logging). */
    void allow(Disruption.AllowScope scope) {
        requestAllowed = scope == Disruption.AllowScope.REQUEST;
        transactionAllowed = scope == Disruption.AllowScope.TRANSACTION;
    }

    /** Whether an {@code allow} let the phase's rules off. */
    boolean allows(int phase) {
        return transactionAllowed || (requestAllowed && phase <= 2);
    }

    /** What rules and their operators reach of the transaction. */
    private final class Context implements RuleScope {

        private int matchesGivenUp;

        @Override
        public String value(Variable variable, String key) {
            return variables.macroValue(variable, key);
        }

        @Override
        public boolean capturing() {
            return evaluator.capturing();
        }

        @Override
        public void capture(int index, String text) {
            variables.tx.setLowerCased(CAPTURE_KEYS[index], text);
        }

        @Override
        public void matchLimitExceeded(String detail) {
            matchesGivenUp++;
            variables.tx.set("MSC_PCRE_LIMITS_EXCEEDED", "1");
        }

        @Override
        public int matchesGivenUp() {
            return matchesGivenUp;
        }

        @Override
        public ScannedValue scanned(String value) {
            SideScan side = ruleSet.scan(runningPhase);
            int chain = evaluator.reading();
            TransformedValues.Made made = evaluator.readingFrom();
            if (made == null || made.made(chain) != value) {
                return side.worthScanning(chain) ? side.scan().scan(value) : null;
            }
            return made.scanned(chain, value, side);
        }

        @Override
        public MutableCollection collection(Variable variable) {
            return variables.mutable(variable);
        }

        @Override
        public void openCollection(String name, String key) {
            persistent.open(name, key);
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
            evaluator.variablesChanged();
        }

        @Override
        public void setMode(EngineMode newMode) {
            mode = newMode;
        }

        @Override
        public void removeRules(IdRanges ids) {
            removals.removeRules(ids);
        }

        @Override
        public void removeRulesByTag(String tag) {
            removals.removeRulesByTag(tag);
        }

        @Override
        public void removeTarget(IdRanges ids, Target target) {
            removals.removeTarget(ids, target);
        }

        @Override
        public void removeTargetByTag(String tag, Target target) {
            removals.removeTargetByTag(tag, target);
        }

        @Override
        public void setRequestBodyProcessor(String name) {
            bodyProcessor = name;
            variables.scalars.put(Variable.REQBODY_PROCESSOR, name);
            evaluator.variablesChanged();
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
