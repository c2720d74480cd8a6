package io.frontdesk.waf.engine.transform;

/** {@code sqlHexDecode}: SQL hex literals ({@code 0x414243}) become their bytes; the rest stays. */
final class SqlHexDecode implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.charAt(i) == '0' && i + 3 < value.length() && (value.charAt(i + 1) | 0x20) == 'x'
                    && Bytes.isHex(value.charAt(i + 2)) && Bytes.isHex(value.charAt(i + 3))) {
                i += 2;
                while (i + 1 < value.length() && Bytes.isHex(value.charAt(i)) && Bytes.isHex(value.charAt(i + 1))) {
                    out.append(Bytes.hexByte(value, i));
                    i += 2;
                }
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }
}
