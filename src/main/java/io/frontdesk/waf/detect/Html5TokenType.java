package io.frontdesk.waf.detect;

/**
 * What an {@link Html5Tokenizer} token is. The names are libinjection's, whose test vectors print
 * them; libinjection also declares a {@code TAG_DATA} that its tokenizer never produces.
 */
enum Html5TokenType {
    /** Text between tags, and a {@code <![CDATA[...]]>} section's content. */
    DATA_TEXT,
    /** A tag's name after {@code <}, including one after {@code </} that has attributes. */
    TAG_NAME_OPEN,
    /** The {@code >} that ends a tag. */
    TAG_NAME_CLOSE,
    /** The {@code />} that ends a tag. */
    TAG_NAME_SELFCLOSE,
    /** An end tag's name, the tag being ended by its {@code >} right after the name. */
    TAG_CLOSE,
    ATTR_NAME,
    ATTR_VALUE,
    /** A comment's text: {@code <!--...-->}, {@code <!...>}, {@code <?...>}, {@code </ ...>}, {@code <%...%>}. */
    TAG_COMMENT,
    /** The text of {@code <!DOCTYPE...>}, from the word doctype on. */
    DOCTYPE
}
