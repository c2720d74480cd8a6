package io.frontdesk.waf.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Pass counts per suite file and in total, with every failure and why; printed and written as Markdown. */
final class ConformanceReport {

    private record Counts(int passed, int total) {
    }

    private final String title;
    private final Map<String, Counts> byFile = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int total;

    ConformanceReport(String title) {
        this.title = title;
    }

    void record(String file, String stage, List<String> shortfalls) {
        boolean pass = shortfalls.isEmpty();
        byFile.merge(file, new Counts(pass ? 1 : 0, 1),
                (a, b) -> new Counts(a.passed() + b.passed(), a.total() + b.total()));
        total++;
        if (pass) {
            passed++;
        } else {
            failures.add(stage + ": " + String.join("; ", shortfalls));
        }
    }

    double rate() {
        return total == 0 ? 0 : (double) passed / total;
    }

    String summary() {
        return String.format(Locale.ROOT, "%s: %d of %d stages pass (%.2f%%)", title, passed, total, rate() * 100);
    }

    String markdown() {
        StringBuilder text = new StringBuilder("# ").append(summary()).append("\n\n| file | passed | stages |\n")
                .append("| --- | --- | --- |\n");
        byFile.forEach((file, counts) -> text.append("| ").append(file).append(" | ").append(counts.passed())
                .append(" | ").append(counts.total()).append(" |\n"));
        text.append("\n## Failures\n\n");
        failures.forEach(failure -> text.append("- ").append(failure.replace("\n", " ")).append('\n'));
        return text.toString();
    }

    /** Prints the summary and per-file counts, and writes the whole report to {@code file}. */
    void publish(Path file) throws IOException {
        System.out.println(summary());
        byFile.forEach((name, counts) -> System.out.println("  " + name + ": " + counts.passed() + "/" + counts.total()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
        System.out.println("Report: " + file.toAbsolutePath());
    }
}
