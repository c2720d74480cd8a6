package io.frontdesk.waf.engine.seclang;

/** A rule file that cannot be read as SecLang; the message names the file and line. */
public final class SecLangException extends RuntimeException {

    private final Source source;

    public SecLangException(Source source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public Source source() {
        return source;
    }
}
