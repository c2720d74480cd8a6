package io.frontdesk.waf.engine.rule;

import java.util.Locale;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.operator.NumericText;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.variable.MutableCollection;

/**
 * {@code setvar:tx.score=+5}: sets ({@code =}), adds to ({@code =+}), subtracts from ({@code =-}) or
 * deletes ({@code !tx.name}) a variable; {@code setvar:tx.flag} alone sets it to 1. Name and value
 * may hold macros.
 */
final class SetVar implements MatchAction {

    private enum Operation {
        SET, ADD, SUBTRACT, DELETE
    }

    /** TX or a persistent collection; {@code null} for a name that is neither, which nothing is set in. */
    private final Variable collection;
    private final Macro key;
    /** The key in lower case when it holds no macro; {@code null} when it must be expanded each time. */
    private final String constantKey;
    private final Operation operation;
    private final Macro value;

    private SetVar(Variable collection, Macro key, Operation operation, Macro value) {
        this.collection = collection;
        this.key = key;
        this.constantKey = key.isConstant() ? key.expand(null).toLowerCase(Locale.ROOT) : null;
        this.operation = operation;
        this.value = value;
    }

    /**
     * The name of the TX variable this sets, in lower case, or its macro as written when a macro
     * makes the name; {@code null} when it sets no TX variable.
     */
    String txName() {
        if (collection != Variable.TX || operation == Operation.DELETE) {
            return null;
        }
        return constantKey != null ? constantKey : key.toString();
    }

    static SetVar parse(String text) {
        boolean delete = text.startsWith("!");
        String body = delete ? text.substring(1) : text;
        int dot = body.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("setvar needs COLLECTION.name, not '" + text + "'");
        }
        Variable named = Variable.named(body.substring(0, dot).strip().toUpperCase(Locale.ROOT));
        Variable collection = named != null && named.mutable() ? named : null;
        int equals = body.indexOf('=', dot);
        String name = equals < 0 ? body.substring(dot + 1) : body.substring(dot + 1, equals);
        if (delete) {
            return new SetVar(collection, Macro.parse(name.strip()), Operation.DELETE, null);
        }
        if (equals < 0) {
            return new SetVar(collection, Macro.parse(name.strip()), Operation.SET, Macro.parse("1"));
        }
        String rest = body.substring(equals + 1);
        Operation operation = Operation.SET;
        if (rest.startsWith("+")) {
            operation = Operation.ADD;
            rest = rest.substring(1);
        } else if (rest.startsWith("-")) {
            operation = Operation.SUBTRACT;
            rest = rest.substring(1);
        }
        return new SetVar(collection, Macro.parse(name.strip()), operation, Macro.parse(rest));
    }

    @Override
    public void apply(RuleContext context) {
        MutableCollection target = collection == null ? null : context.collection(collection);
        if (target == null) {
            return;
        }
        String name = constantKey != null ? constantKey : key.expand(context).toLowerCase(Locale.ROOT);
        switch (operation) {
            case DELETE -> target.remove(name);
            case SET -> target.setLowerCased(name, value.expand(context));
            case ADD, SUBTRACT -> {
                long current = NumericText.atoi(target.getLowerCased(name));
                long change = NumericText.atoi(value.expand(context));
                target.setLowerCased(name, Long.toString(operation == Operation.ADD ? current + change : current - change));
            }
        }
    }
}
