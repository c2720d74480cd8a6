package io.frontdesk.waf.engine.body;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One part of a multipart body while it is read: its headers, then where its content lies in the body. */
final class MultipartPart {

    /** What the part's Content-Disposition made of it; a part whose headers never ended stays undecided. */
    enum Kind { UNDECIDED, FIELD, FILE }

    /** A header of the part; folded lines continue its value. */
    static final class Header {

        final String name;
        final StringBuilder value;
        private final String line;
        private boolean folded;

        private Header(String name, String value, String line) {
            this.name = name;
            this.value = new StringBuilder(value);
            this.line = line;
        }

        /** The line MULTIPART_PART_HEADERS shows: as sent, or rebuilt once folded lines joined it. */
        private String line() {
            return folded ? name + ": " + value : line;
        }
    }

    private final Map<String, Header> headers = new HashMap<>();
    private final List<String> headerLines = new ArrayList<>();
    /** The header folded lines continue; none before the first header and after the blank line. */
    private Header continued;
    /** The header whose line is not yet among {@link #headerLines}. */
    private Header unrecorded;

    String name = "";
    String fileName = "";
    Kind kind = Kind.UNDECIDED;
    boolean readingHeaders = true;
    /** A line of content has been read (a boundary right after the headers makes the part invalid). */
    boolean contentRead;
    /** The file's content is kept (false past the upload file limit: only its size is known). */
    boolean fileKept;
    private int contentStart = -1;
    private int contentEnd = -1;

    /** Adds a header; {@code false}, and nothing added, when the part already has one of that name. */
    boolean addHeader(String headerName, String value, String line) {
        String key = headerName.toLowerCase(Locale.ROOT);
        if (headers.containsKey(key)) {
            return false;
        }
        Header header = new Header(headerName, value, line);
        headers.put(key, header);
        continued = header;
        unrecorded = header;
        return true;
    }

    Header header(String headerName) {
        return headers.get(headerName.toLowerCase(Locale.ROOT));
    }

    /** The header a folded line continues, or {@code null}. */
    Header continued() {
        return continued;
    }

    void fold(Header header, String more) {
        header.value.append(' ').append(more);
        header.folded = true;
        unrecorded = header;
    }

    /** Moves the line of the last header read among the part's header lines. */
    void recordHeaderLine() {
        if (unrecorded != null) {
            headerLines.add(unrecorded.line());
            unrecorded = null;
        }
    }

    void headersEnded() {
        recordHeaderLine();
        continued = null;
        readingHeaders = false;
    }

    List<String> headerLines() {
        return headerLines;
    }

    boolean hasContent() {
        return contentStart >= 0;
    }

    /** A line of content, {@code end} excluding its line break: content runs from the first line to the last. */
    void content(int start, int end) {
        contentRead = true;
        if (contentStart < 0) {
            contentStart = start;
        }
        contentEnd = end;
    }

    long size() {
        return contentStart < 0 ? 0 : contentEnd - contentStart;
    }

    String content(String body) {
        return contentStart < 0 ? "" : body.substring(contentStart, contentEnd);
    }
}
