package io.frontdesk.waf.engine;

import io.frontdesk.waf.engine.operator.OperatorContext;
import io.frontdesk.waf.engine.rule.RuleContext;

/** What a rule, its operator and its actions reach of their transaction. */
interface RuleScope extends RuleContext, OperatorContext {

    /** How many matches of the transaction gave up before deciding ({@link #matchLimitExceeded}). */
    int matchesGivenUp();
}
