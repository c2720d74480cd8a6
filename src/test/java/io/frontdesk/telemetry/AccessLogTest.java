package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void linesAreWrittenInOrderAndTheLastOnesOnStop() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(1024, out);
        log.start();
        for (int i = 0; i < 500; i++) {
            log.offer("{\"n\":" + i + "}");
        }
        log.stop();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(500);
        assertThat(lines[0]).isEqualTo("{\"n\":0}");
        assertThat(lines[499]).isEqualTo("{\"n\":499}");
        assertThat(log.written()).isEqualTo(500);
        assertThat(log.dropped()).isZero();
    }

    @Test
    void aStuckOutputDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AccessLog log = new AccessLog(4, stuck);
        log.start();
        log.offer("first");
        assertThat(writing.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("writer blocked in write").isTrue();
        for (int i = 0; i < 10; i++) {
            log.offer("line " + i);
        }
        assertThat(log.dropped()).isEqualTo(6);
        release.countDown();
        log.stop();
        assertThat(log.written()).isEqualTo(5);
    }

    @Test
    void clockWritesUtcWithMilliseconds() {
        LogClock clock = new LogClock();
        long millis = Instant.parse("2026-11-26T20:21:34.007Z").toEpochMilli();
        assertThat(clock.append(new StringBuilder(), millis)).hasToString("2026-11-26T20:21:34.007Z");
        assertThat(clock.append(new StringBuilder(), millis + 993)).hasToString("2026-11-26T20:21:35.000Z");
        assertThat(clock.append(new StringBuilder(), millis + 1992)).hasToString("2026-11-26T20:21:35.999Z");
    }
}
