package io.frontdesk.waf.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The requests of {@link WafEngineBenchmark} measured on the running thread's own clocks: CPU time
 * and bytes allocated per request, after a warm-up. On a machine other processes load, wall time
 * (what JMH measures) counts the time spent waiting for a core; the thread's CPU time does not.
 * Run with {@code bench/waf-engine.sh --cpu}; arguments: warm-up and measured CPU seconds per
 * request kind and paranoia level (default 6 and 5).
 */
public final class WafEngineCpu {

    private WafEngineCpu() {
    }

    public static void main(String[] args) throws Exception {
        double warmUp = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        double measured = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.out.println("| request | PL | CPU per request | allocated per request | requests |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (int level : List.of(1, 2)) {
            WafEngineBenchmark benchmark = new WafEngineBenchmark();
            benchmark.paranoiaLevel = level;
            benchmark.load();
            List<Request> requests = List.of(new Request("browser GET", benchmark::browserGet),
                    new Request("4 KiB form POST", benchmark::formPost4k),
                    new Request("64 KiB JSON POST", benchmark::jsonPost64k));
            for (Request request : requests) {
                long start = threads.getCurrentThreadCpuTime();
                while (threads.getCurrentThreadCpuTime() - start < warmUp * 1e9) {
                    request.run.run();
                }
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getThreadAllocatedBytes(thread);
                int count = 0;
                while (threads.getCurrentThreadCpuTime() - cpu < measured * 1e9) {
                    request.run.run();
                    count++;
                }
                double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
                double allocated = (double) (threads.getThreadAllocatedBytes(thread) - bytes) / count;
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f us | %,.0f B | %d |%n", request.name, level, micros,
                        allocated, count);
            }
        }
    }

    private record Request(String name, Runnable run) {
    }
}
