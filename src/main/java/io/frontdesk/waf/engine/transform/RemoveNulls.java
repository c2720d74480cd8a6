package io.frontdesk.waf.engine.transform;

/** {@code removeNulls}: every NUL byte removed. */
final class RemoveNulls implements Transformation {

    @Override
    public String apply(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
