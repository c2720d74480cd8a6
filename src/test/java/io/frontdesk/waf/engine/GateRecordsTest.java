package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The gate's records are found again by pair in their own generation only, however many pairs there are. */
class GateRecordsTest {

    @Test
    void aRecordCountsInItsGenerationOnly() {
        GateRecords records = new GateRecords(1);
        Object record = new Object();
        records.put(42, record, 1);

        assertThat(records.get(42, 1)).isSameAs(record);
        assertThat(records.get(42, 2)).isNull();
        assertThat(records.get(43, 1)).isNull();

        Object next = new Object();
        records.put(42, next, 2);
        assertThat(records.get(42, 2)).isSameAs(next);
        assertThat(records.get(42, 1)).isNull();
    }

    @Test
    void agreesWithAMapOverThousandsOfPairs() {
        GateRecords records = new GateRecords(3);
        Map<Integer, Object> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int pair = random.nextInt(104 * 57);
            if (random.nextBoolean()) {
                Object record = new Object();
                records.put(pair, record, 1);
                expected.put(pair, record);
            } else {
                assertThat(records.get(pair, 1)).as("pair %d", pair).isSameAs(expected.get(pair));
            }
        }
        for (int pair = 0; pair < 104 * 57; pair++) {
            assertThat(records.get(pair, 1)).isSameAs(expected.get(pair));
        }
    }
}
