package io.frontdesk.support;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, when a run ends, one line for each reason tests were skipped, naming their classes: a
 * suite that cannot run on this machine (no CRS release, no Redis) says so in the build output
 * instead of passing in silence. Registered for every test run through the JUnit Platform's
 * service loader.
 */
public final class SkippedTestsSummary implements TestExecutionListener {

    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private final Map<String, Set<String>> classesByReason = new TreeMap<>();
    private final Map<String, Integer> countByReason = new TreeMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        record(identifier, reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(identifier, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        synchronized (this) {
            classesByReason.forEach((reason, classes) -> System.out.printf("Skipped %d of %s: %s%n",
                    countByReason.get(reason), String.join(", ", classes), reason));
            classesByReason.clear();
            countByReason.clear();
        }
    }

    private synchronized void record(TestIdentifier identifier, String reason) {
        String text = reason == null ? "no reason given" : reason.replaceFirst("^" + ASSUMPTION_PREFIX, "");
        classesByReason.computeIfAbsent(text, key -> new TreeSet<>()).add(className(identifier));
        countByReason.merge(text, 1, Integer::sum);
    }

    private String className(TestIdentifier identifier) {
        for (Optional<TestIdentifier> at = Optional.of(identifier); at.isPresent(); at = plan.getParent(at.get())) {
            Optional<TestSource> source = at.get().getSource();
            if (source.isPresent() && source.get() instanceof MethodSource method) {
                return simpleName(method.getClassName());
            }
            if (source.isPresent() && source.get() instanceof ClassSource type) {
                return simpleName(type.getClassName());
            }
        }
        return identifier.getDisplayName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
