package io.frontdesk.waf.conformance.ftw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every test file below a CRS {@code tests/regression/tests} directory, in path order. */
public final class RegressionSuites {

    private RegressionSuites() {
    }

    /** go-ftw reads {@code *.yaml} and {@code *.yml}; ftw only {@code *.yaml}. */
    public static List<SuiteFile> loadAll(Path testsDirectory, SuiteFormat format) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(testsDirectory)) {
            files = walk.filter(Files::isRegularFile).filter(path -> isTestFile(path, format)).sorted().toList();
        }
        List<SuiteFile> suites = new ArrayList<>();
        for (Path file : files) {
            suites.add(load(file, format));
        }
        return suites;
    }

    public static SuiteFile load(Path file, SuiteFormat format) throws IOException {
        switch (format) {
            case GO_FTW:
                return GoFtwSuiteLoader.load(file);
            case FTW:
                return FtwSuiteLoader.load(file);
            default:
                throw new IllegalArgumentException(format.name());
        }
    }

    private static boolean isTestFile(Path path, SuiteFormat format) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || format == SuiteFormat.GO_FTW && name.endsWith(".yml");
    }
}
