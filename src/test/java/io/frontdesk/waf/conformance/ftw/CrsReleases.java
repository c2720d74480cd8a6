package io.frontdesk.waf.conformance.ftw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CRS releases are: the directory named by FRONTDESK_CRS_DIR, which holds one folder
 * per release ({@code v4.28.0}, {@code v3.3.4}), or else {@code ../shared/crs}. A test that needs
 * a release that is not there is skipped, saying where it looked and how to point it at one.
 */
public final class CrsReleases {

    public static final String V4 = "v4.28.0";
    public static final String V3 = "v3.3.4";

    private CrsReleases() {
    }

    public static Path directory() {
        String configured = System.getenv("FRONTDESK_CRS_DIR");
        return Path.of(configured == null || configured.isBlank() ? "../shared/crs" : configured);
    }

    /** The release's directory (holding {@code rules/}), or the test is skipped. */
    public static Path release(String release) {
        Path directory = directory().resolve(release);
        assumeTrue(Files.isDirectory(directory.resolve("rules")), () -> absent(release));
        return directory;
    }

    /** The release's {@code tests/regression} directory, or the test is skipped. */
    public static Path regressionDirectory(String release) {
        Path directory = directory().resolve(release).resolve("tests").resolve("regression");
        assumeTrue(Files.isDirectory(directory.resolve("tests")), () -> absent(release));
        return directory;
    }

    private static String absent(String release) {
        return "needs OWASP CRS " + release + " (rules/ and tests/regression/) at "
                + directory().resolve(release).toAbsolutePath().normalize()
                + "; to run the CRS suites, set FRONTDESK_CRS_DIR to a directory holding " + V4 + "/ and " + V3 + "/";
    }
}
