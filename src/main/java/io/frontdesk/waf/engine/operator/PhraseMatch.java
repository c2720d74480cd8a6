package io.frontdesk.waf.engine.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;

/**
 * {@code @pm phrase phrase ...} and {@code @pmFromFile file ...} (also {@code @pmf}): matches when
 * any phrase occurs in the value, ignoring ASCII case; the phrase found is capture 0. Files are
 * read once, relative to the directory of the rule file; a line is a phrase, {@code #} starts a
 * comment line.
 */
final class PhraseMatch implements Operator {

    private final List<String> phrases;
    private final PhraseMatcher matcher;
    /** This list's member number in the shared scan, or -1 when in none. */
    private int scannedAs = -1;
    private SharedScan scan;

    private PhraseMatch(List<String> phrases) {
        this.phrases = phrases;
        this.matcher = new PhraseMatcher(phrases);
    }

    static PhraseMatch ofPhrases(String argument) {
        return new PhraseMatch(List.of(argument.strip().split("\\s+")));
    }

    static PhraseMatch ofFiles(String argument, Path directory) {
        List<String> phrases = new ArrayList<>();
        for (String name : argument.strip().split("\\s+")) {
            Path file = directory.resolve(name).normalize();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    String phrase = line.strip();
                    if (!phrase.isEmpty() && !phrase.startsWith("#")) {
                        phrases.add(phrase);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("@pmFromFile: cannot read " + file + " ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        return new PhraseMatch(phrases);
    }

    @Override
    public boolean joinScan(SharedScan shared) {
        if (scan == null) {
            scannedAs = shared.addPhrases(phrases);
            scan = scannedAs < 0 ? null : shared;
        }
        return scan == shared;
    }

    @Override
    public boolean decidedBy(SharedScan shared) {
        return scan != null && scan == shared;
    }

    @Override
    public boolean mayMatchOneOf(ScannedValue together) {
        return scan == null || !together.from(scan) || together.holds(scannedAs);
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        if (scan != null) {
            ScannedValue scanned = context.scanned(value);
            if (scanned != null && scanned.from(scan) && !scanned.holds(scannedAs)) {
                return false;
            }
        }
        String found = matcher.find(value);
        if (found != null && context.capturing()) {
            context.capture(0, found);
        }
        return found != null;
    }
}
