package io.frontdesk.waf;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.waf.engine.EngineSettings;
import io.frontdesk.waf.engine.RuleSet;
import io.frontdesk.waf.engine.RuleSetLoader;
import io.frontdesk.waf.engine.seclang.SecLangException;

/**
 * The rule set in force, swapped whole on reload: transactions under way keep the set they
 * started with, and a reload that fails (a broken file) keeps the old set and reports why.
 */
public final class WafRules {

    private static final Logger log = LoggerFactory.getLogger(WafRules.class);

    /** A loaded rule set, the files it came from and when. */
    public record Loaded(RuleSet ruleSet, List<Path> files, Instant loadedAt) {
    }

    /** What a reload did: the set now in force, and the error when the new one was refused. */
    public record ReloadOutcome(boolean reloaded, String error, Loaded inForce) {
    }

    private final RuleFiles files;
    private final UnaryOperator<EngineSettings> overrides;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile String lastError;

    /** Loads the rules at once; a broken file fails start-up with its file and line. */
    WafRules(RuleFiles files, UnaryOperator<EngineSettings> overrides) {
        this.files = files;
        this.overrides = overrides;
        try {
            current.set(load());
        } catch (SecLangException | UncheckedIOException e) {
            throw new InvalidConfigurationException("frontdesk.waf", "the rules cannot be loaded: " + e.getMessage());
        }
    }

    private Loaded load() {
        List<Path> paths = files.files();
        RuleSet loaded = RuleSetLoader.load(paths);
        EngineSettings settings = overrides.apply(loaded.settings());
        loaded.notes().forEach(note -> log.info("WAF rules: {}", note));
        log.info("WAF rules loaded: {} rules from {} files, mode {}", loaded.ruleCount(), paths.size(),
                settings.mode());
        return new Loaded(loaded.withSettings(settings), paths, Instant.now());
    }

    public RuleSet ruleSet() {
        return current.get().ruleSet();
    }

    public Loaded loaded() {
        return current.get();
    }

    public boolean baseline() {
        return files.baseline();
    }

    /** The error of the last failed reload, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    /** Reads the files again and swaps the new set in, or keeps the old one when they are broken. */
    public synchronized ReloadOutcome reload() {
        try {
            Loaded loaded = load();
            current.set(loaded);
            lastError = null;
            return new ReloadOutcome(true, null, loaded);
        } catch (SecLangException | UncheckedIOException | InvalidConfigurationException e) {
            lastError = e.getMessage();
            return new ReloadOutcome(false, e.getMessage(), current.get());
        }
    }
}
