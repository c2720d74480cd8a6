package io.frontdesk.waf.engine.operator;

import java.util.regex.PatternSyntaxException;

import io.frontdesk.waf.engine.operator.regex.MatchLimitExceededException;
import io.frontdesk.waf.engine.operator.regex.PcrePattern;

/**
 * {@code @verifyCC pattern}: matches when a match of the PCRE pattern, tried from each offset of
 * the value, holds digits that pass the Luhn check (other bytes of the match are ignored); that
 * match is the capture. A match that runs out of its budget matches nothing, as with {@code @rx}.
 */
final class VerifyCreditCard implements Operator {

    private final PcrePattern pattern;

    VerifyCreditCard(String argument) {
        try {
            this.pattern = PcrePattern.compile(argument);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("@verifyCC: " + e.getDescription() + " in " + argument, e);
        }
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        try {
            return pattern.anyMatch(value, candidate -> {
                boolean card = passesLuhn(candidate);
                if (card && context.capturing()) {
                    context.capture(0, candidate);
                }
                return card;
            });
        } catch (MatchLimitExceededException e) {
            context.matchLimitExceeded(e.getMessage());
            return false;
        }
    }

    /** The Luhn checksum over the digits of the text, read from the last: false when there are none. */
    private static boolean passesLuhn(String text) {
        int sum = 0;
        int digits = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (digits % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }
}
