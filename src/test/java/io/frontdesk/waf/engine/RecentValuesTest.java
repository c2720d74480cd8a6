package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.waf.engine.operator.regex.PcrePattern;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.transform.TransformationChains;
import io.frontdesk.waf.engine.variable.VariableValue;

class RecentValuesTest {

    private final TransformationChains chains = new TransformationChains();
    private final TransformationChain lowered = chains.of(List.of("lowercase"));
    private final RecentValues recent = new RecentValues(chains.size(), 0);
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOtherThread() {
        otherThread.shutdownNow();
    }

    @Test
    void aLaterTransactionOnTheThreadTakesUpWhatAnEarlierMadeOfAnEqualValue() {
        String first = TransformedValues.of(transaction().of(value("Mozilla/5.0 (X11)")), lowered);

        String again = TransformedValues.of(transaction().of(value("Mozilla/5.0 (X11)")), lowered);

        assertThat(again).isEqualTo("mozilla/5.0 (x11)").isSameAs(first);
    }

    @Test
    void anotherThreadMakesItsOwn() throws Exception {
        String here = TransformedValues.of(transaction().of(value("Mozilla/5.0 (X11)")), lowered);

        String there = onOtherThread(() -> TransformedValues.of(transaction().of(value("Mozilla/5.0 (X11)")), lowered));

        assertThat(there).isEqualTo(here).isNotSameAs(here);
    }

    @Test
    void aTransactionGoingOnOnAnotherThreadLeavesTheFirstThreadsRecordAlone() throws Exception {
        TransformedValues transaction = transaction();
        VariableValue read = value("Mozilla/5.0 (X11)");
        TransformedValues.Made here = transaction.of(read);

        TransformedValues.Made there = onOtherThread(() -> transaction.of(read));

        assertThat(there).isNotSameAs(here);
        assertThat(onOtherThread(() -> recent.holdsHere(there))).isTrue();
        assertThat(TransformedValues.of(there, lowered)).isEqualTo("mozilla/5.0 (x11)");
        assertThat(here.made(lowered.index())).as("the first thread's record, untouched").isNull();
    }

    @Test
    void aValueTooLongToKeepIsItsTransactionsOwn() {
        String longValue = "A".repeat(RecentValues.LONGEST_VALUE + 1);
        TransformedValues transaction = transaction();

        TransformedValues.Made made = transaction.of(value(longValue));

        assertThat(transaction.of(value(longValue))).as("the same transaction").isSameAs(made);
        assertThat(transaction().of(value(longValue))).as("another transaction").isNotSameAs(made);
    }

    @Test
    void aTransactionAddsTheFirstValuesItBringsUpToItsShare() {
        TransformedValues transaction = transaction();
        TransformedValues.Made first = transaction.of(value("value 0"));
        for (int i = 1; i < RecentValues.MOST_NEW_PER_TRANSACTION; i++) {
            transaction.of(value("value " + i));
        }

        TransformedValues.Made beyond = transaction.of(value("one too many"));

        assertThat(transaction.of(value("one too many"))).as("within the transaction").isSameAs(beyond);
        assertThat(transaction().of(value("one too many"))).as("another transaction").isNotSameAs(beyond);
        assertThat(transaction().of(value("value 0"))).isSameAs(first);
    }

    @Test
    void theThreadKeepsTheValuesItUsedLast() {
        TransformedValues.Made first = transaction().of(value("first"));
        TransformedValues.Made used = transaction().of(value("used"));
        for (int i = 0; i < RecentValues.MOST_VALUES - 2; i++) {
            transaction().of(value("other " + i));
        }
        assertThat(transaction().of(value("used"))).isSameAs(used);

        transaction().of(value("one more"));

        assertThat(transaction().of(value("used"))).isSameAs(used);
        assertThat(transaction().of(value("first"))).isNotSameAs(first);
    }

    @Test
    void theUnionOfTheVeryRecordsTheThreadUnitedLastForAVariableIsTakenUp() {
        PcrePattern union = PcrePattern.compile("select.+from");
        SharedScan scan = new SharedScan();
        scan.add(union);
        scan.complete();
        List<ScannedValue> records = List.of(scan.scan("b"), scan.scan("select a from c"));

        ScannedValue first = recent.union(7, records, scan);

        assertThat(union.mayMatchOneOf(first)).isTrue();
        assertThat(recent.union(7, List.copyOf(records), scan)).isSameAs(first);
        assertThat(recent.union(7, List.of(records.get(0), scan.scan("select a from c")), scan))
                .as("another record of an equal value").isNotSameAs(first);
        ScannedValue apart = recent.union(8, List.of(scan.scan("select a"), scan.scan("b from c")), scan);
        assertThat(union.mayMatchOneOf(apart)).as("no one value holds both words").isFalse();
    }

    private TransformedValues transaction() {
        return new TransformedValues(recent);
    }

    /** A value with its own string, as each request brings. */
    private static VariableValue value(String text) {
        return new VariableValue("REQUEST_HEADERS", "User-Agent", new String(text.toCharArray()));
    }

    private <T> T onOtherThread(java.util.function.Supplier<T> work) throws Exception {
        return CompletableFuture.supplyAsync(work, otherThread).get();
    }
}
