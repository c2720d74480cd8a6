package io.frontdesk.waf.engine.body;

import java.util.ArrayList;
import java.util.List;

import io.frontdesk.waf.engine.body.MultipartStatus.Flag;

/**
 * Reads the parts of a multipart/form-data body as ModSecurity v3 reads them, so that rules see what
 * they would see there. The body is taken in lines of at most 4096 bytes (ModSecurity's buffer; a
 * longer line is taken in pieces, and only a piece that starts a line can be a boundary). A part's
 * value runs from its first line of content to its last, without the line break before the next
 * boundary; when the body ends without one, a final boundary with no line break of its own is
 * still accepted.
 */
final class MultipartReader {

    private static final int PIECE = 4096;

    private final String body;
    private final String boundary;
    /** {@code --boundary} anywhere in a line: a boundary that is not where it should be. */
    private final Needle delimiter;
    private final int fileLimit;
    private final MultipartStatus status;
    private final ParsedBody parsed;
    private final PartHeaderReader headers;
    private final List<MultipartPart> parts = new ArrayList<>();
    /** The part being read: none before the first boundary and after the last. */
    private MultipartPart part;
    private int boundaries;
    private int files;
    private boolean complete;
    /** The previous piece ended with a line feed (true at the start of the body). */
    private boolean lineStart = true;

    MultipartReader(String body, String boundary, int fileLimit, MultipartStatus status, ParsedBody parsed) {
        this.body = body;
        this.boundary = boundary;
        this.delimiter = new Needle("--" + boundary);
        this.fileLimit = fileLimit;
        this.status = status;
        this.parsed = parsed;
        this.headers = new PartHeaderReader(body, status, parsed);
    }

    /** Reads the body, and hands the parts it finished to {@code parsed}: fields and files. */
    void read() {
        int start = 0;
        boolean stopped = false;
        while (start < body.length() && !complete) {
            int end = pieceEnd(start);
            if (end < 0) {
                break;
            }
            if (!piece(start, end)) {
                stopped = true;
                break;
            }
            lineStart = body.charAt(end - 1) == '\n';
            start = end;
        }
        if (complete && start < body.length()) {
            status.raise(Flag.DATA_AFTER);
        } else if (!complete && !stopped && !body.isEmpty()) {
            finish(start);
        }
        for (MultipartPart finished : parts) {
            if (finished.kind == MultipartPart.Kind.FILE) {
                parsed.file(new ParsedBody.UploadedFile(finished.name, finished.fileName, finished.size(),
                        finished.fileKept ? finished.content(body) : ""));
            } else {
                parsed.argument(finished.name, finished.content(body));
            }
        }
    }

    /** Where the piece starting at {@code start} ends, or -1 when the rest of the body is shorter and has no line feed. */
    private int pieceEnd(int start) {
        int limit = Math.min(start + PIECE, body.length());
        for (int i = start; i < limit; i++) {
            if (body.charAt(i) == '\n') {
                return i + 1;
            }
        }
        if (limit - start < PIECE) {
            return -1;
        }
        // A CR is never the last byte of a piece, so that CR LF stays together.
        return body.charAt(limit - 1) == '\r' ? limit - 1 : limit;
    }

    /** Reads one piece; {@code false} when the body cannot be read any further. */
    private boolean piece(int start, int end) {
        int textLength = textLength(start, end);
        if (lineStart && textLength > 3 && body.charAt(start) == '-' && body.charAt(start + 1) == '-') {
            if (textLength >= boundary.length() + 2 && body.startsWith(boundary, start + 2)) {
                if (lfBefore(start)) {
                    status.raise(Flag.LF_LINE);
                }
                if (boundaries == 0 || part.contentRead) {
                    return boundaryLine(start, end);
                }
                // A boundary where the part's content should begin: it is content, and the part invalid.
                status.raise(Flag.INVALID_PART);
            } else if (!foreignBoundary(start, textLength)) {
                return false;
            }
        } else if (lineStart && delimiter.occursIn(body, start, end)) {
            status.foreignBoundary();
        }
        return data(start, end);
    }

    private boolean boundaryLine(int start, int end) {
        if (boundaries > 0) {
            status.boundaryAfterForeign();
        }
        int at = start + 2 + boundary.length();
        boolean last = charAt(at, end) == '-' && charAt(at + 1, end) == '-';
        if (last) {
            at += 2;
        }
        if (at + 2 == end && body.charAt(at) == '\r' && body.charAt(at + 1) == '\n') {
            status.crlfLine();
        } else if (at + 1 == end && body.charAt(at) == '\n') {
            status.raise(Flag.LF_LINE);
        } else {
            status.error("Multipart: Invalid boundary: " + withoutLineBreak(start, end));
            return false;
        }
        endPart(last);
        complete = last;
        boundaries++;
        return true;
    }

    /** A line starting with {@code --} that is not a boundary: some forms of it are evasions, and errors. */
    private boolean foreignBoundary(int start, int textLength) {
        int textEnd = start + textLength;
        if (status.isRaised(Flag.BOUNDARY_QUOTED) && textLength >= boundary.length() + 3
                && body.charAt(start + 2) == '"' && body.startsWith(boundary, start + 3)) {
            status.error("Multipart: Invalid boundary (quotes).");
            return false;
        }
        int text = start + 2;
        while (text < textEnd && CharClass.isSpace(body.charAt(text))) {
            text++;
        }
        if (text != start + 2 && text + boundary.length() <= textEnd && body.startsWith(boundary, text)) {
            status.error("Multipart: Invalid boundary (whitespace).");
            return false;
        }
        status.foreignBoundary();
        return true;
    }

    private boolean data(int start, int end) {
        if (part == null) {
            status.raise(Flag.DATA_BEFORE);
        } else if (part.readingHeaders) {
            if (end - start == PIECE || body.charAt(end - 1) != '\n') {
                status.error("Multipart: Part header line over " + PIECE + " bytes long");
                return false;
            }
            headers.line(part, start, end);
        } else {
            content(start, end);
        }
        return true;
    }

    private void content(int start, int end) {
        if (part.kind == MultipartPart.Kind.FILE && !part.hasContent()) {
            if (fileLimit > 0 && files >= fileLimit) {
                if (!status.isRaised(Flag.FILE_LIMIT_EXCEEDED)) {
                    status.raise(Flag.FILE_LIMIT_EXCEEDED);
                    status.error("Multipart: Upload file limit exceeded " + fileLimit
                            + ". Use SecUploadFileLimit to change the limit.");
                }
            } else {
                files++;
                part.fileKept = true;
            }
        }
        int contentEnd = end;
        if (body.charAt(end - 1) == '\n') {
            contentEnd = end - 1 > start && body.charAt(end - 2) == '\r' ? end - 2 : end - 1;
        }
        part.content(start, contentEnd);
    }

    /** At a boundary: the part read so far is done (kept when it has a name), and the next begins. */
    private void endPart(boolean last) {
        if (part != null) {
            for (String line : part.headerLines()) {
                parsed.partHeader(part.name, line);
            }
            if (part.name.isEmpty()) {
                status.raise(Flag.INVALID_PART);
            } else {
                parts.add(part);
            }
        }
        part = last ? null : new MultipartPart();
    }

    /** The body ended before its final boundary: unless the rest is that boundary without a line break. */
    private void finish(int rest) {
        if (boundaries == 0) {
            status.error("Multipart: No boundaries found in payload.");
            return;
        }
        String last = "--" + boundary + "--";
        if (lineStart && body.length() - rest == last.length() && body.startsWith(last, rest)) {
            if (lfBefore(rest)) {
                status.raise(Flag.LF_LINE);
            }
            if (!part.contentRead) {
                status.raise(Flag.INVALID_PART);
            }
            endPart(true);
            complete = true;
        } else {
            status.error("Multipart: Final boundary missing.");
        }
    }

    /** The line before {@code start} ended with a bare LF. */
    private boolean lfBefore(int start) {
        return start >= 1 && body.charAt(start - 1) == '\n' && (start < 2 || body.charAt(start - 2) != '\r');
    }

    /** The piece's length as C string functions see it: up to its first NUL. */
    private int textLength(int start, int end) {
        for (int i = start; i < end; i++) {
            if (body.charAt(i) == '\0') {
                return i - start;
            }
        }
        return end - start;
    }

    /** The char at {@code index} of a piece ending at {@code end}, or NUL past it. */
    private char charAt(int index, int end) {
        return index < end ? body.charAt(index) : 0;
    }

    private String withoutLineBreak(int start, int end) {
        int last = end;
        while (last > start && (body.charAt(last - 1) == '\n' || body.charAt(last - 1) == '\r')) {
            last--;
        }
        return body.substring(start, last);
    }
}
