package io.frontdesk.waf.engine.transform;

/** {@code trim}, {@code trimLeft}, {@code trimRight}: whitespace bytes removed at either end or both. */
final class Trim implements Transformation {

    private final boolean left;
    private final boolean right;

    Trim(boolean left, boolean right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public String apply(String value) {
        int start = 0;
        int end = value.length();
        while (left && start < end && Bytes.isSpace(value.charAt(start))) {
            start++;
        }
        while (right && end > start && Bytes.isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }
}
