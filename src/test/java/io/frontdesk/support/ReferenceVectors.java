package io.frontdesk.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reference test vectors of other implementations are: libinjection's tests and samples,
 * and the SecRules language tests taken from ModSecurity's unit tests. Each is found through its
 * environment variable, or else beside the project in {@code ../shared}. A test that needs vectors
 * that are not there is skipped, saying where it looked and how to point it at them.
 */
public final class ReferenceVectors {

    public static final String LIBINJECTION_VARIABLE = "FRONTDESK_LIBINJECTION_DIR";
    public static final String SECRULES_VARIABLE = "FRONTDESK_SECRULES_TESTS_DIR";

    private ReferenceVectors() {
    }

    /** A libinjection checkout's test data ({@code tests/}, {@code data/}, {@code src/fingerprints.txt}). */
    public static Path libinjection() {
        return located(LIBINJECTION_VARIABLE, "libinjection", "tests",
                "libinjection's test vectors (tests/, data/, src/fingerprints.txt)");
    }

    /** The SecRules language tests ({@code transformations/*.json}, {@code operators/*.json}). */
    public static Path secRulesLanguageTests() {
        return located(SECRULES_VARIABLE, "secrules-language-tests", "transformations",
                "the SecRules language tests (transformations/ and operators/)");
    }

    private static Path located(String variable, String sharedName, String marker, String what) {
        String configured = System.getenv(variable);
        Path directory = Path.of(configured == null || configured.isBlank() ? "../shared/" + sharedName : configured);
        assumeTrue(Files.isDirectory(directory.resolve(marker)), () -> "needs " + what + " at "
                + directory.toAbsolutePath().normalize() + "; to run these tests, set " + variable + " to them");
        return directory;
    }
}
