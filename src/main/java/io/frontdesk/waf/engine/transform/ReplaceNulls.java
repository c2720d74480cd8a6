package io.frontdesk.waf.engine.transform;

/** {@code replaceNulls}: every NUL byte becomes a space. */
final class ReplaceNulls implements Transformation {

    @Override
    public String apply(String value) {
        return value.replace('\0', ' ');
    }
}
