package io.frontdesk.waf.engine.transform;

/**
 * {@code jsDecode}: JavaScript escapes: {@code \}{@code uHHHH} (see {@link Bytes#fromUnicodeEscape}),
 * {@code \xHH}, octal {@code \OOO} (at most 0377), {@code \a \b \f \n \r \t \v}, and a backslash
 * before any other character stands for that character.
 */
final class JsDecode extends BackslashEscapes {

    @Override
    int escape(String value, int i, StringBuilder out) {
        char next = value.charAt(i + 1);
        if (next == 'u' && i + 5 < value.length() && allHex(value, i + 2, 4)) {
            out.append(Bytes.fromUnicodeEscape(value, i + 2));
            return 6;
        }
        int taken = hex(value, i, out, false);
        if (taken == 0) {
            taken = octal(value, i, out, 0377);
        }
        if (taken == 0) {
            char control = control(next);
            out.append(control == 0 ? next : control);
            taken = 2;
        }
        return taken;
    }
}
