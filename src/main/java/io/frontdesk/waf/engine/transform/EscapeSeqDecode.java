package io.frontdesk.waf.engine.transform;

/**
 * {@code escapeSeqDecode}: ANSI C escapes: {@code \a \b \f \n \r \t \v \\ \? \' \"}, {@code \xHH}
 * and octal {@code \OOO}; an unknown escape stays as written.
 */
final class EscapeSeqDecode extends BackslashEscapes {

    @Override
    int escape(String value, int i, StringBuilder out) {
        int taken = hex(value, i, out);
        if (taken == 0) {
            taken = octal(value, i, out, 0777);
        }
        if (taken != 0) {
            return taken;
        }
        char next = value.charAt(i + 1);
        char control = control(next);
        if (control != 0) {
            out.append(control);
        } else if (next == '\\' || next == '?' || next == '\'' || next == '"') {
            out.append(next);
        } else {
            out.append('\\').append(next);
        }
        return 2;
    }
}
