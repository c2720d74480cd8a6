package io.frontdesk.waf;

import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of the WAF's budget: the running thread's CPU time, where the JVM measures it (turning
 * the measurement on if it is off); else the wall clock, which also counts the time the thread
 * waits for a core, so that budgets run out sooner on a busy machine. Which one is in use is said
 * once at start-up.
 */
final class CpuClock {

    private static final Logger log = LoggerFactory.getLogger(CpuClock.class);

    private CpuClock() {
    }

    static LongSupplier of(ThreadMXBean threads) {
        String problem;
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            problem = "this JVM does not measure a thread's CPU time";
        } else {
            try {
                if (!threads.isThreadCpuTimeEnabled()) {
                    threads.setThreadCpuTimeEnabled(true);
                }
                return threads::getCurrentThreadCpuTime;
            } catch (UnsupportedOperationException | SecurityException e) {
                problem = "thread CPU time measurement is off and cannot be turned on (" + e + ")";
            }
        }
        log.warn("The WAF's budget counts wall-clock time, not CPU time: {}; on a busy machine budgets run out"
                + " sooner", problem);
        return System::nanoTime;
    }
}
