package io.frontdesk.waf.engine.operator.regex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.conformance.ftw.RegressionSuites;
import io.frontdesk.waf.conformance.ftw.RegressionTest;
import io.frontdesk.waf.conformance.ftw.RequestRenderer;
import io.frontdesk.waf.conformance.ftw.Stage;
import io.frontdesk.waf.conformance.ftw.SuiteFile;
import io.frontdesk.waf.conformance.ftw.SuiteFormat;
import io.frontdesk.waf.engine.seclang.RuleSpec;
import io.frontdesk.waf.engine.seclang.SecLangParser;
import io.frontdesk.waf.engine.seclang.Statement;
import io.frontdesk.waf.engine.transform.Transformations;

/** The {@code @rx} patterns of a CRS release and the pieces of the requests its regression tests send. */
final class CrsCorpus {

    private CrsCorpus() {
    }

    /** The distinct constant {@code @rx} patterns of both releases, v4.x's first. */
    static Set<String> regexPatternsOfBothReleases() throws IOException {
        Set<String> patterns = new LinkedHashSet<>();
        for (String release : List.of(CrsReleases.V4, CrsReleases.V3)) {
            patterns.addAll(regexPatterns(release));
        }
        return patterns;
    }

    /** The pieces of every request both releases' regression tests send (see {@link #requestPieces}). */
    static Set<String> requestPiecesOfBothReleases() throws IOException {
        Set<String> pieces = new LinkedHashSet<>();
        for (String release : List.of(CrsReleases.V4, CrsReleases.V3)) {
            pieces.addAll(requestPieces(release, Integer.MAX_VALUE));
        }
        return pieces;
    }

    /** The release's constant {@code @rx} patterns (those without macros), in rule file order. */
    static List<String> regexPatterns(String release) throws IOException {
        List<String> patterns = new ArrayList<>();
        try (Stream<Path> files = Files.list(CrsReleases.release(release).resolve("rules"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".conf")).sorted().toList()) {
                for (Statement statement : SecLangParser.parse(List.of(file)).statements()) {
                    if (statement instanceof Statement.Rule rule) {
                        for (RuleSpec link = rule.rule(); link != null; link = link.chained()) {
                            if (link.operator().name().equals("rx") && !link.operator().argument().contains("%{")) {
                                patterns.add(link.operator().argument());
                            }
                        }
                    }
                }
            }
        }
        return patterns;
    }

    /**
     * The request lines, header lines, names and values of every request the release's regression
     * tests send, as sent and URL-decoded; at most {@code most}.
     */
    static Set<String> requestPieces(String release, int most) throws IOException {
        Path tests = CrsReleases.regressionDirectory(release).resolve("tests");
        SuiteFormat format = release.equals(CrsReleases.V4) ? SuiteFormat.GO_FTW : SuiteFormat.FTW;
        Set<String> pieces = new LinkedHashSet<>();
        for (SuiteFile suite : RegressionSuites.loadAll(tests, format)) {
            for (RegressionTest test : suite.tests()) {
                for (Stage stage : test.stages()) {
                    for (String piece : RequestRenderer.renderByteString(stage.input()).split("\r\n|[?&=]")) {
                        if (pieces.size() < most && !piece.isBlank()) {
                            pieces.add(piece);
                            pieces.add(Transformations.named("urlDecodeUni").apply(piece));
                        }
                    }
                }
            }
        }
        return pieces;
    }
}
