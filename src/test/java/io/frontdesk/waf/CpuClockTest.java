package io.frontdesk.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/** The budget's clock: the thread's CPU time where the JVM has it (turned on if off), else the wall clock. */
class CpuClockTest {

    private static final long CPU_NANOS = 42;

    /** A ThreadMXBean that measures CPU time or not, turned on or not, and may refuse to turn it on. */
    private static final class Threads {
        boolean supported = true;
        boolean enabled = true;
        boolean refusesToEnable;

        ThreadMXBean bean() {
            return (ThreadMXBean) Proxy.newProxyInstance(ThreadMXBean.class.getClassLoader(),
                    new Class<?>[] {ThreadMXBean.class}, (proxy, method, arguments) -> switch (method.getName()) {
                        case "isCurrentThreadCpuTimeSupported" -> supported;
                        case "isThreadCpuTimeEnabled" -> enabled;
                        case "setThreadCpuTimeEnabled" -> {
                            if (refusesToEnable) {
                                throw new UnsupportedOperationException("not here");
                            }
                            enabled = (Boolean) arguments[0];
                            yield null;
                        }
                        case "getCurrentThreadCpuTime" -> enabled ? CPU_NANOS : -1L;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static boolean isWallClock(LongSupplier clock) {
        long before = System.nanoTime();
        long read = clock.getAsLong();
        return read >= before && read <= System.nanoTime();
    }

    @Test
    void theThreadsCpuTimeWhereTheJvmMeasuresIt() {
        assertThat(CpuClock.of(new Threads().bean()).getAsLong()).isEqualTo(CPU_NANOS);
    }

    @Test
    void measurementThatIsOffIsTurnedOn() {
        Threads threads = new Threads();
        threads.enabled = false;
        assertThat(CpuClock.of(threads.bean()).getAsLong()).isEqualTo(CPU_NANOS);
        assertThat(threads.enabled).isTrue();
    }

    @Test
    void theWallClockWhereTheJvmCannotMeasureIt() {
        Threads unsupported = new Threads();
        unsupported.supported = false;
        assertThat(isWallClock(CpuClock.of(unsupported.bean()))).isTrue();
        Threads stuck = new Threads();
        stuck.enabled = false;
        stuck.refusesToEnable = true;
        assertThat(isWallClock(CpuClock.of(stuck.bean()))).isTrue();
    }
}
