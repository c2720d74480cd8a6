package io.frontdesk.waf.engine.transform;

/**
 * {@code escapeSeqDecode}: ANSI C escapes: {@code \a \b \f \n \r \t \v \\ \? \' \"}, {@code \xHH}
 * and octal {@code \OOO} (its low byte); a backslash before anything else is dropped, as ModSecurity
 * does ({@code \q} is {@code q}, and so is the {@code x} of a {@code \x} without two hex digits).
 */
final class EscapeSeqDecode extends BackslashEscapes {

    @Override
    int escape(String value, int i, StringBuilder out) {
        int taken = hex(value, i, out, true);
        if (taken == 0) {
            taken = octal(value, i, out, 0777);
        }
        if (taken != 0) {
            return taken;
        }
        char next = value.charAt(i + 1);
        char control = control(next);
        out.append(control == 0 ? next : control);
        return 2;
    }
}
