package io.frontdesk.waf.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Rules loaded from SecLang files, ready to inspect transactions; immutable and shared by all of
 * them. Load one with {@link RuleSetLoader}.
 */
public final class RuleSet {

    /** The phase from which the rules read the response: they share a scan of their own. */
    static final int FIRST_RESPONSE_PHASE = 3;

    private final List<PhaseRules> phases;
    private final EngineSettings settings;
    private final Map<Path, Integer> rulesByFile;
    private final List<String> notes;
    private final PersistentCollections persistent;
    private final RecentValues recentValues;
    private final SideScan requestScan;
    private final SideScan responseScan;

    RuleSet(List<PhaseRules> phases, EngineSettings settings, Map<Path, Integer> rulesByFile,
            List<String> notes, PersistentCollections persistent, RecentValues recentValues, SideScan requestScan,
            SideScan responseScan) {
        this.phases = phases;
        this.settings = settings;
        this.rulesByFile = rulesByFile;
        this.notes = notes;
        this.persistent = persistent;
        this.recentValues = recentValues;
        this.requestScan = requestScan;
        this.responseScan = responseScan;
    }

    /** The same rules under other settings (the operator's mode over the files' SecRuleEngine, say). */
    public RuleSet withSettings(EngineSettings newSettings) {
        return new RuleSet(phases, newSettings, rulesByFile, notes, persistent, recentValues, requestScan,
                responseScan);
    }

    /** A transaction to inspect one request and its response; {@code id} is its UNIQUE_ID. */
    public Transaction newTransaction(String id) {
        return new Transaction(this, id);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** How many rules (a chain counting once) each file holds, in load order. */
    public Map<Path, Integer> rulesByFile() {
        return rulesByFile;
    }

    /** What loading accepted without effect, such as logging directives of ModSecurity's own. */
    public List<String> notes() {
        return notes;
    }

    public int ruleCount() {
        return rulesByFile.values().stream().mapToInt(Integer::intValue).sum();
    }

    PhaseRules phase(int phase) {
        return phases.get(phase);
    }

    /** What the rules' transformation chains made of the values each thread inspected lately. */
    RecentValues recentValues() {
        return recentValues;
    }

    /**
     * The pass over values that the patterns and phrase lists of the rules of a phase share: those
     * of the request's phases one, those of the response's (and logging) another, so that neither
     * looks for the other's atoms.
     */
    SideScan scan(int phase) {
        return phase < FIRST_RESPONSE_PHASE ? requestScan : responseScan;
    }

    PersistentCollections persistent() {
        return persistent;
    }
}
