package io.frontdesk.waf.conformance.ftw;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the CRS releases are: the directory named by FRONTDESK_CRS_DIR, which holds one folder
 * per release ({@code v4.28.0}, {@code v3.3.4}), or {@code ../shared/crs}. A test that needs a
 * release that is not there is skipped, with one line saying so.
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
        assumeTrue(Files.isDirectory(directory.resolve("rules")), "CRS " + release + " not found at "
                + directory.toAbsolutePath().normalize() + " (set FRONTDESK_CRS_DIR to the directory holding "
                + V4 + " and " + V3 + ")");
        return directory;
    }

    /** The release's {@code tests/regression} directory, or the test is skipped. */
    public static Path regressionDirectory(String release) {
        Path directory = directory().resolve(release).resolve("tests").resolve("regression");
        assumeTrue(Files.isDirectory(directory.resolve("tests")), "CRS " + release + " regression tests not found at "
                + directory.toAbsolutePath().normalize() + " (set FRONTDESK_CRS_DIR to the directory holding "
                + V4 + " and " + V3 + ")");
        return directory;
    }
}
