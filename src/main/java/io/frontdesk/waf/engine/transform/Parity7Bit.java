package io.frontdesk.waf.engine.transform;

/**
 * {@code parityEven7bit}, {@code parityOdd7bit} and {@code parityZero7bit}: the top bit of each
 * byte becomes a parity bit (set when the byte as given has an odd, or an even, number of bits
 * set, as ModSecurity counts them) or is cleared.
 */
final class Parity7Bit implements Transformation {

    /** What the top bit becomes, given the byte. */
    enum Parity {
        EVEN, ODD, ZERO
    }

    private final Parity parity;

    Parity7Bit(Parity parity) {
        this.parity = parity;
    }

    @Override
    public String apply(String value) {
        char[] bytes = value.toCharArray();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = topBitSet(bytes[i]) ? (char) (bytes[i] | 0x80) : (char) (bytes[i] & 0x7F);
        }
        return new String(bytes);
    }

    private boolean topBitSet(char b) {
        boolean odd = Integer.bitCount(b) % 2 == 1;
        return switch (parity) {
            case EVEN -> odd;
            case ODD -> !odd;
            case ZERO -> false;
        };
    }
}
