package io.frontdesk.waf.detect;

/**
 * One HTML token that can matter to XSS. {@code name} is a tag's or attribute's name as written
 * (null for the value an input starts inside), {@code value} an attribute's value (null when it has
 * none) or the text of a comment, doctype or {@code <?...>}; {@code inTag} marks attributes of a tag
 * the input opened itself, rather than of the tag it may have been placed in.
 */
record HtmlToken(Type type, String name, String value, boolean inTag) {

    enum Type {
        START_TAG,
        END_TAG,
        ATTRIBUTE,
        /** {@code <!--...-->} and the bogus comments {@code <!...>} and {@code </ ...>}: the text between. */
        COMMENT,
        DOCTYPE,
        /** {@code <?...>}: the text after {@code <?}. */
        PROCESSING_INSTRUCTION
    }
}
