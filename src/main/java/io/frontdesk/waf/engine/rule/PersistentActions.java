package io.frontdesk.waf.engine.rule;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.operator.NumericText;

/** {@code initcol}, {@code expirevar} and {@code setenv}: actions on state that outlives a rule. */
final class PersistentActions {

    private PersistentActions() {
    }

    /** {@code initcol:ip=%{remote_addr}}. */
    static MatchAction initcol(String text) {
        String[] parts = pair("initcol", text);
        String collection = parts[0].toUpperCase(java.util.Locale.ROOT);
        Macro key = Macro.parse(parts[1]);
        return context -> context.openCollection(collection, key.expand(context));
    }

    /** {@code expirevar:ip.blocked=60}. */
    static MatchAction expirevar(String text) {
        String[] parts = pair("expirevar", text);
        int dot = parts[0].indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("expirevar needs COLLECTION.name=SECONDS, not '" + text + "'");
        }
        String collection = parts[0].substring(0, dot).toUpperCase(java.util.Locale.ROOT);
        Macro key = Macro.parse(parts[0].substring(dot + 1));
        Macro seconds = Macro.parse(parts[1]);
        return context -> context.expire(collection, key.expand(context), NumericText.atoi(seconds.expand(context)));
    }

    /** {@code setenv:name=value}. */
    static MatchAction setenv(String text) {
        String[] parts = pair("setenv", text);
        Macro name = Macro.parse(parts[0]);
        Macro value = Macro.parse(parts[1]);
        return context -> context.setEnv(name.expand(context), value.expand(context));
    }

    private static String[] pair(String action, String text) {
        int equals = text == null ? -1 : text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(action + " needs name=value, not '" + text + "'");
        }
        return new String[] {text.substring(0, equals).strip(), text.substring(equals + 1).strip()};
    }
}
