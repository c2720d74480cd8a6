package io.frontdesk.waf.engine;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.variable.Target;

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
    /** How many TX variables the rules set, so that a transaction's TX map is made big enough at once. */
    private final int txNames;
    /** How many pairs of a whole variable and a transformation chain the rules inspect: what a gate may record. */
    private final int wholeTargetPairs;

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
        Set<String> names = new HashSet<>();
        Set<Long> pairs = new HashSet<>();
        for (PhaseRules phase : phases) {
            for (Rule rule : phase.rules()) {
                rule.addTxNames(names);
                for (Rule link = rule; link != null; link = link.chained()) {
                    int chain = link.transformations().index();
                    link.targets().stream().filter(target -> target.whole())
                            .forEach(target -> pairs.add((long) target.variable().ordinal() << 32 | chain));
                }
            }
        }
        this.txNames = names.size();
        this.wholeTargetPairs = pairs.size();
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

    int txNames() {
        return txNames;
    }

    int wholeTargetPairs() {
        return wholeTargetPairs;
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
