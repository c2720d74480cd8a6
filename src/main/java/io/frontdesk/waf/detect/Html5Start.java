package io.frontdesk.waf.detect;

/** Where in a page the input is taken to land, and so where {@link Html5Tokenizer} starts reading it. */
enum Html5Start {
    /** In text between tags. */
    DATA,
    /** In an unquoted attribute value: what follows the value's first blank is read as further attributes. */
    VALUE_NO_QUOTE,
    /** Inside {@code '...'}. */
    VALUE_SINGLE_QUOTE,
    /** Inside {@code "..."}. */
    VALUE_DOUBLE_QUOTE,
    /** Inside {@code `...`}, which old Internet Explorer took for quotes. */
    VALUE_BACK_QUOTE
}
