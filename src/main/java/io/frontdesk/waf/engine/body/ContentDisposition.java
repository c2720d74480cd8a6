package io.frontdesk.waf.engine.body;

import io.frontdesk.waf.engine.body.MultipartStatus.Flag;

/**
 * Reads a part's {@code Content-Disposition: form-data; name="..."; filename="..."} into the part,
 * as ModSecurity does: only {@code name}, {@code filename} and {@code filename*} parameters, each
 * once; values quoted with {@code "} (where {@code \"} and {@code \\} are escapes), with {@code '}
 * (accepted, but flagged as invalid quoting) or bare tokens. Every name and file name seen is also
 * MULTIPART_NAME and MULTIPART_FILENAME. The result is 1, or ModSecurity's negative code saying
 * what is wrong; what was read before the fault stays in the part.
 */
final class ContentDisposition {

    private static final String FORM_DATA = "form-data";
    private static final String CHARSET_SPECIALS = "!#$%&+-^_`{}~";
    private static final String ATTRIBUTE_SPECIALS = "!#$&+-.^_`~";
    private static final String TOKEN_SPECIALS = "()<>@,;:\\\"/[]?=";

    private final String text;
    private final MultipartPart part;
    private final MultipartStatus status;
    private final ParsedBody parsed;
    private int at;

    private ContentDisposition(String text, MultipartPart part, MultipartStatus status, ParsedBody parsed) {
        this.text = text;
        this.part = part;
        this.status = status;
        this.parsed = parsed;
    }

    static int read(String text, MultipartPart part, MultipartStatus status, ParsedBody parsed) {
        return new ContentDisposition(text, part, status, parsed).read();
    }

    private int read() {
        try {
            parameters();
            return 1;
        } catch (Fault fault) {
            return fault.code;
        }
    }

    private void parameters() throws Fault {
        if (!text.startsWith(FORM_DATA)) {
            throw new Fault(-1);
        }
        at = FORM_DATA.length();
        skipBlanks();
        if (atEnd()) {
            return;
        }
        if (current() != ';') {
            throw new Fault(-2);
        }
        at++;
        String fileNameStar = "";
        while (!atEnd()) {
            skipBlanks();
            if (atEnd()) {
                throw new Fault(-3);
            }
            int start = at;
            while (!atEnd() && current() != '=' && current() != '\t' && current() != ' ') {
                at++;
            }
            if (atEnd()) {
                throw new Fault(-4);
            }
            String name = text.substring(start, at);
            skipBlanks();
            if (atEnd()) {
                throw new Fault(-5);
            }
            if (current() != '=') {
                throw new Fault(-13);
            }
            at++;
            skipBlanks();
            if (atEnd()) {
                throw new Fault(-6);
            }
            char quote = 0;
            String value;
            if (name.equals("filename*")) {
                value = extendedValue();
            } else if (current() == '"' || current() == '\'') {
                quote = current();
                if (quote == '\'') {
                    status.raise(Flag.INVALID_QUOTING);
                }
                value = quotedValue(quote);
            } else {
                int valueStart = at;
                while (!atEnd() && isTokenChar(current())) {
                    at++;
                }
                value = text.substring(valueStart, at);
            }
            take(name, value, quote, fileNameStar);
            if (name.equals("filename*")) {
                fileNameStar = value;
            }
            afterParameter();
        }
        if (!fileNameStar.isEmpty() && part.fileName.isEmpty()) {
            throw new Fault(-21);
        }
    }

    /** {@code charset'[language]'percent-encoded-name}, checked and kept as written. */
    private String extendedValue() throws Fault {
        int charset = at;
        while (!atEnd() && (CharClass.isAlnum(current()) || CHARSET_SPECIALS.indexOf(current()) >= 0)) {
            at++;
        }
        if (atEnd() || current() != '\'' || at == charset) {
            throw new Fault(-16);
        }
        at++;
        while (!atEnd() && current() != '\'') {
            at++;
        }
        if (atEnd()) {
            throw new Fault(-17);
        }
        at++;
        int start = at;
        while (!atEnd() && current() != ';') {
            char c = current();
            if (c == '%') {
                if (!CharClass.isHexDigit(charAt(at + 1)) || !CharClass.isHexDigit(charAt(at + 2))) {
                    throw new Fault(-18);
                }
                at += 3;
            } else if (CharClass.isAlnum(c) || ATTRIBUTE_SPECIALS.indexOf(c) >= 0) {
                at++;
            } else {
                throw new Fault(-19);
            }
        }
        return text.substring(start, at);
    }

    /** A value between quotes; only the quote and the backslash can be escaped, other backslashes stay. */
    private String quotedValue(char quote) throws Fault {
        at++;
        if (atEnd()) {
            throw new Fault(-7);
        }
        StringBuilder value = new StringBuilder();
        while (!atEnd() && current() != quote) {
            if (current() == '\\') {
                if (at + 1 == text.length()) {
                    throw new Fault(-8);
                }
                if (charAt(at + 1) == quote || charAt(at + 1) == '\\') {
                    at++;
                }
            }
            value.append(current());
            at++;
        }
        // Unterminated: ModSecurity reads past the end of the header here; it is an error instead.
        if (atEnd()) {
            throw new Fault(-10);
        }
        at++;
        return value.toString();
    }

    private void take(String name, String value, char quote, String fileNameStar) throws Fault {
        switch (name) {
            case "name":
                checkSingleQuotes(value, quote);
                parsed.collectionValue("MULTIPART_NAME", value);
                if (!part.name.isEmpty()) {
                    throw new Fault(-14);
                }
                part.name = value;
                break;
            case "filename":
                checkSingleQuotes(value, quote);
                parsed.collectionValue("MULTIPART_FILENAME", value);
                if (!part.fileName.isEmpty()) {
                    throw new Fault(-15);
                }
                part.fileName = value;
                break;
            case "filename*":
                if (!fileNameStar.isEmpty()) {
                    throw new Fault(-20);
                }
                break;
            default:
                throw new Fault(-11);
        }
    }

    /** After a parameter: the end, or blanks and a semicolon. */
    private void afterParameter() throws Fault {
        skipBlanks();
        if (atEnd()) {
            return;
        }
        if (current() != ';') {
            char before = text.charAt(at - 1);
            if (before == '\'' || before == '"') {
                status.raise(Flag.INVALID_QUOTING);
            }
            throw new Fault(-12);
        }
        at++;
    }

    /** A single quote in a value that was not between double quotes. */
    private void checkSingleQuotes(String value, char quote) {
        if (quote != '"' && value.indexOf('\'') >= 0) {
            status.raise(Flag.INVALID_QUOTING);
        }
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 127 && TOKEN_SPECIALS.indexOf(c) < 0;
    }

    private void skipBlanks() {
        while (!atEnd() && (current() == ' ' || current() == '\t')) {
            at++;
        }
    }

    private boolean atEnd() {
        return at >= text.length();
    }

    private char current() {
        return text.charAt(at);
    }

    /** ModSecurity's code for what is wrong with the header. */
    private static final class Fault extends Exception {

        private static final long serialVersionUID = 1L;

        final int code;

        Fault(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    /** The char at {@code index}, or NUL past the end, as in a C string. */
    private char charAt(int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }
}
