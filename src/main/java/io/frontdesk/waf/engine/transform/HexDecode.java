package io.frontdesk.waf.engine.transform;

/** {@code hexDecode}: pairs of hex digits become bytes; anything else (and an odd last digit) stays as it is. */
final class HexDecode implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length() / 2 + 1);
        int i = 0;
        while (i < value.length()) {
            if (i + 1 < value.length() && Bytes.isHex(value.charAt(i)) && Bytes.isHex(value.charAt(i + 1))) {
                out.append(Bytes.hexByte(value, i));
                i += 2;
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }
}
