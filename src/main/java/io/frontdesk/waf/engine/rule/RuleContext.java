package io.frontdesk.waf.engine.rule;

import io.frontdesk.waf.engine.EngineMode;
import io.frontdesk.waf.engine.macro.MacroScope;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.variable.MutableCollection;
import io.frontdesk.waf.engine.variable.Target;

/** What a matching rule's actions may change in its transaction. */
public interface RuleContext extends MacroScope {

    /** TX, or a persistent collection once {@code initcol} opened it; {@code null} otherwise. */
    MutableCollection collection(Variable variable);

    /** {@code initcol:ip=KEY}: opens the persistent collection under that key. */
    void openCollection(String name, String key);

    /** {@code expirevar:ip.key=SECONDS}. */
    void expire(String collection, String key, long seconds);

    void setEnv(String name, String value);

    void setMode(EngineMode mode);

    void removeRules(IdRanges ids);

    void removeRulesByTag(String tag);

    void removeTarget(IdRanges ids, Target target);

    void removeTargetByTag(String tag, Target target);

    void setRequestBodyProcessor(String name);

    void setRequestBodyAccess(boolean on);

    void forceRequestBodyVariable(boolean on);

    void setAuditEngine(String value);
}
