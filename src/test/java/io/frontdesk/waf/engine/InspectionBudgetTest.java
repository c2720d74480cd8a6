package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.waf.engine.InspectionBudget.Policy;

/**
 * A transaction's CPU budget: checked between rules and between the values of a rule, so that
 * evaluation stops soon after the budget runs out, and then refused or let through unexamined.
 * The clocks here advance by a fixed step each time they are read, so what a budget allows is the
 * same on every machine.
 */
class InspectionBudgetTest {

    private static final int VALUES = 10_000;
    private static final long STEP = 1_000;

    @TempDir
    Path directory;

    /** Counts every value rule 1 evaluates; rule 2 denies any request that gets that far. */
    private RuleSet countingRules(int phase) throws IOException {
        Path file = directory.resolve("rules.conf");
        Files.writeString(file, """
                SecRule ARGS "@rx ." "id:1,phase:%d,pass,nolog,setvar:tx.evaluated=+1"
                SecRule ARGS "@rx ." "id:2,phase:%d,deny,status:403"
                """.formatted(phase, phase));
        return RuleSetLoader.load(List.of(file));
    }

    /** A clock that advances {@link #STEP} nanoseconds at each read. */
    private static final class SteppingClock implements LongSupplier {
        long now;
        int reads;

        @Override
        public long getAsLong() {
            reads++;
            now += STEP;
            return now;
        }
    }

    /** One stepping clock as both the CPU clock and the wall clock: every read counts alike. */
    private static InspectionBudget budgetOn(long nanos, Policy policy, SteppingClock clock) {
        return new InspectionBudget(nanos, policy, clock, clock);
    }

    private static SteppingClock stepping() {
        return new SteppingClock();
    }

    private static String manyArguments() {
        StringBuilder query = new StringBuilder("a0=x");
        for (int i = 1; i < VALUES; i++) {
            query.append("&a").append(i).append("=x");
        }
        return query.toString();
    }

    private static Transaction post(RuleSet rules, InspectionBudget budget) {
        Transaction transaction = rules.newTransaction("budget");
        if (budget != null) {
            transaction.budget(budget);
        }
        transaction.requestLine("POST", "/", "HTTP/1.1");
        transaction.requestHeader("Content-Type", "application/x-www-form-urlencoded");
        transaction.processRequestHeaders();
        transaction.appendRequestBody(manyArguments());
        transaction.processRequestBody();
        return transaction;
    }

    private static Transaction get(RuleSet rules, InspectionBudget budget) {
        Transaction transaction = rules.newTransaction("budget");
        transaction.budget(budget);
        transaction.requestLine("GET", "/?" + manyArguments(), "HTTP/1.1");
        transaction.processRequestHeaders();
        transaction.processRequestBody();
        return transaction;
    }

    private static int evaluated(Transaction transaction) {
        String count = transaction.txValue("evaluated");
        return count == null ? 0 : Integer.parseInt(count);
    }

    @Test
    void withoutABudgetEveryValueIsEvaluatedAndTheClockNeverRead() throws IOException {
        Transaction transaction = post(countingRules(2), null);
        assertThat(evaluated(transaction)).isEqualTo(VALUES);
        assertThat(transaction.interruption().ruleId()).isEqualTo(2);
        assertThat(transaction.budgetSpentIn()).isZero();
    }

    @Test
    void aBudgetTheRulesStayWithinChangesNothingAndTheCpuClockIsNeverRead() throws IOException {
        SteppingClock cpu = new SteppingClock();
        SteppingClock wall = new SteppingClock();
        Transaction transaction = post(countingRules(2), new InspectionBudget(Long.MAX_VALUE, Policy.REFUSE, cpu, wall));
        assertThat(evaluated(transaction)).isEqualTo(VALUES);
        assertThat(transaction.interruption().ruleId()).isEqualTo(2);
        assertThat(transaction.budgetSpentIn()).isZero();
        assertThat(cpu.reads).as("well within the wall clock's share of the budget").isZero();
        assertThat(wall.reads).as("reads of the wall clock for %d values", 2 * VALUES)
                .isLessThanOrEqualTo(4 + 2 * VALUES / BudgetMeter.CHECK_EVERY);
    }

    @Test
    void pastTheWallClocksShareTheCpuClockTimesTheRestAndTheWaitBeforeIsCharged() throws IOException {
        SteppingClock cpu = new SteppingClock();
        SteppingClock wall = new SteppingClock();
        // Each check's worth of work took STEP of CPU time while five times that passed: the thread waited for a core.
        LongSupplier busyMachine = () -> 5 * wall.getAsLong();
        Transaction transaction = post(countingRules(2), new InspectionBudget(8 * STEP, Policy.REFUSE, cpu, busyMachine));
        assertThat(transaction.interruption().status()).isEqualTo(413);
        assertThat(wall.reads).as("the phase's start, then checks until an eighth of the budget had passed").isEqualTo(2);
        // 5 STEP of waiting and working charged at the first check, then 4 STEP more on the CPU clock: 5 checks in all.
        assertThat(evaluated(transaction)).isGreaterThan(4 * BudgetMeter.CHECK_EVERY)
                .isLessThanOrEqualTo(5 * BudgetMeter.CHECK_EVERY);
        assertThat(cpu.reads).as("at the change of clocks, at each of 4 checks and at the phase's end").isEqualTo(6);
    }

    @Test
    void aPhaseWithoutRulesIsNotTimed() throws IOException {
        SteppingClock clock = new SteppingClock();
        Transaction transaction = countingRules(2).newTransaction("budget");
        transaction.budget(budgetOn(Long.MAX_VALUE, Policy.REFUSE, clock));
        transaction.requestLine("GET", "/?a=x", "HTTP/1.1");

        transaction.processRequestHeaders();
        assertThat(clock.reads).as("the headers' phase has no rules").isZero();
        transaction.processRequestBody();
        assertThat(clock.reads).as("the body's has").isPositive();
    }

    @Test
    void aBodyThatSpendsTheBudgetIsRefusedWith413SoonAfter() throws IOException {
        long checks = 5;
        Transaction transaction = post(countingRules(2),
                budgetOn(checks * STEP, Policy.REFUSE, stepping()));
        assertThat(transaction.interruption()).isEqualTo(new Interruption(Interruption.Action.DENY, 413, null, 0));
        assertThat(transaction.budgetSpentIn()).isEqualTo(2);
        assertThat(evaluated(transaction)).isPositive()
                .isLessThanOrEqualTo((int) (checks + 1) * BudgetMeter.CHECK_EVERY);
    }

    @Test
    void requestHeadersThatSpendTheBudgetAreRefusedWith503AndTheBodyPhaseNeverRuns() throws IOException {
        RuleSet rules = countingRules(1);
        Transaction transaction = get(rules, budgetOn(3 * STEP, Policy.REFUSE, stepping()));
        assertThat(transaction.interruption()).isEqualTo(new Interruption(Interruption.Action.DENY, 503, null, 0));
        assertThat(transaction.budgetSpentIn()).isEqualTo(1);
        assertThat(evaluated(transaction)).isLessThan(VALUES);
    }

    @Test
    void aPhaseTooShortForACheckIsJudgedAtItsEnd() throws IOException {
        Path file = directory.resolve("short.conf");
        Files.writeString(file, "SecRule REQUEST_METHOD \"@streq GET\" \"id:1,phase:1,pass,nolog\"\n"
                + "SecRule REQUEST_METHOD \"@streq GET\" \"id:2,phase:2,deny\"\n");
        Transaction transaction = get(RuleSetLoader.load(List.of(file)),
                budgetOn(STEP / 2, Policy.REFUSE, stepping()));
        assertThat(transaction.interruption().status()).isEqualTo(503);
        assertThat(transaction.budgetSpentIn()).isEqualTo(1);
    }

    @Test
    void underPassTheRequestGoesOnWithNoFurtherRuleRun() throws IOException {
        Transaction transaction = post(countingRules(2),
                budgetOn(5 * STEP, Policy.PASS, stepping()));
        assertThat(transaction.interruption()).as("rule 2 would deny had it run").isNull();
        assertThat(transaction.budgetSpentIn()).isEqualTo(2);
        assertThat(evaluated(transaction)).isLessThan(VALUES);
    }

    @Test
    void detectionOnlyRefusesNothingForTheBudgetEither() throws IOException {
        RuleSet rules = countingRules(2);
        Transaction transaction = rules.newTransaction("budget");
        transaction.overrideMode(EngineMode.DETECTION_ONLY);
        transaction.budget(budgetOn(5 * STEP, Policy.REFUSE, stepping()));
        transaction.requestLine("GET", "/?" + manyArguments(), "HTTP/1.1");
        transaction.processRequestHeaders();
        assertThat(transaction.processRequestBody()).isNull();
        assertThat(transaction.budgetSpentIn()).isEqualTo(2);
    }

    @Test
    void aRuleThatStopsTheTransactionKeepsItsOwnRefusal() throws IOException {
        Path file = directory.resolve("deny.conf");
        Files.writeString(file, "SecRule REQUEST_METHOD \"@streq GET\" \"id:7,phase:1,deny,status:403\"\n");
        Transaction transaction = get(RuleSetLoader.load(List.of(file)),
                budgetOn(STEP / 2, Policy.REFUSE, stepping()));
        assertThat(transaction.interruption()).isEqualTo(new Interruption(Interruption.Action.DENY, 403, null, 7));
        assertThat(transaction.budgetSpentIn()).isZero();
    }

    @Test
    void theThreadsCpuClockStopsRealRulesWithinTheirBudget() throws IOException {
        LongSupplier cpu = ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime;
        // Splitting the query into its arguments alone takes more than the microsecond allowed.
        Transaction transaction = get(countingRules(1), new InspectionBudget(1_000, Policy.REFUSE, cpu));
        assertThat(transaction.interruption().status()).isEqualTo(503);
        assertThat(evaluated(transaction)).isLessThanOrEqualTo(BudgetMeter.CHECK_EVERY);
    }
}
