package io.frontdesk.waf.engine.body;

import io.frontdesk.waf.engine.body.MultipartPart.Header;
import io.frontdesk.waf.engine.body.MultipartStatus.Flag;

/**
 * Reads the header lines of a multipart part, up to the blank line that ends them, as ModSecurity
 * v3 does. A faulty line is reported and reading goes on, so the rest of the body is still seen.
 */
final class PartHeaderReader {

    private static final int LONGEST_HEADER = 4096;

    private final String body;
    private final MultipartStatus status;
    private final ParsedBody parsed;

    PartHeaderReader(String body, MultipartStatus status, ParsedBody parsed) {
        this.body = body;
        this.status = status;
        this.parsed = parsed;
    }

    /** The line {@code [start, end)} of the body, which ends with its line feed. */
    void line(MultipartPart part, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body.charAt(i) == '\0') {
                status.error("Multipart: Nul byte in part headers.");
                return;
            }
        }
        int length = end - start;
        boolean crlf = length > 1 && body.charAt(end - 2) == '\r';
        if (crlf) {
            status.crlfLine();
        } else {
            status.raise(Flag.LF_LINE);
        }
        int textEnd = crlf ? end - 2 : end - 1;
        if (textEnd == start) {
            headersEnd(part);
        } else if (CharClass.isSpace(body.charAt(start))) {
            folded(part, start, end);
        } else {
            header(part, start, textEnd, end);
        }
    }

    private void headersEnd(MultipartPart part) {
        part.recordHeaderLine();
        Header disposition = part.header("Content-Disposition");
        if (disposition == null) {
            status.error("Multipart: Part missing Content-Disposition header.");
            return;
        }
        String value = disposition.value.toString();
        int code = ContentDisposition.read(value, part, status, parsed);
        if (code < 0) {
            status.error("Multipart: Invalid Content-Disposition header (" + code + "): " + value);
            return;
        }
        if (part.name.isEmpty()) {
            status.error("Multipart: Content-Disposition header missing name field.");
            return;
        }
        if (!part.fileName.isEmpty()) {
            // Some parsers find names with a crude search: make sure they would see this one too.
            if (!value.contains("filename=")) {
                status.error("Multipart: Invalid Content-Disposition header (filename).");
                return;
            }
            part.kind = MultipartPart.Kind.FILE;
        } else {
            part.kind = MultipartPart.Kind.FIELD;
        }
        part.headersEnded();
    }

    /** A line that starts with whitespace continues the previous header. */
    private void folded(MultipartPart part, int start, int end) {
        status.raise(Flag.HEADER_FOLDING);
        if (!isBlank(body.charAt(start))) {
            status.raise(Flag.INVALID_HEADER_FOLDING);
        }
        Header header = part.continued();
        if (header == null) {
            status.error("Multipart: Invalid part header (folding error).");
            return;
        }
        int data = start;
        while (data < end && CharClass.isSpace(body.charAt(data))) {
            if (!isBlank(body.charAt(data))) {
                status.raise(Flag.INVALID_HEADER_FOLDING);
            }
            data++;
        }
        part.fold(header, withoutLineBreaks(data, end));
        if (header.value.length() > LONGEST_HEADER) {
            status.error("Multipart: Part header too long.");
        }
    }

    private void header(MultipartPart part, int start, int textEnd, int end) {
        part.recordHeaderLine();
        int colon = start;
        while (colon < end && body.charAt(colon) != ':') {
            colon++;
        }
        if (colon == end) {
            status.error("Multipart: Invalid part header (colon missing): " + body.substring(start, textEnd));
            return;
        }
        if (colon == start) {
            status.error("Multipart: Invalid part header (header name missing).");
            return;
        }
        for (int i = start; i < colon; i++) {
            char c = body.charAt(i);
            if (c < '!' || c > '~') {
                status.error("Multipart: Invalid part header (contains invalid character).");
                return;
            }
        }
        String name = body.substring(start, colon);
        int value = colon + 1;
        while (value < end && isBlank(body.charAt(value))) {
            value++;
        }
        // ModSecurity v3 notes a repeated header in its debug log only; backends may read the second
        // one while rules saw the first, so it is an error here, as in ModSecurity v2.
        if (!part.addHeader(name, withoutLineBreaks(value, end), body.substring(start, textEnd))) {
            status.error("Multipart: Duplicate part header: " + name + ".");
        }
    }

    /** The text from {@code start} to {@code end} without the CRs and LFs that end it. */
    private String withoutLineBreaks(int start, int end) {
        int last = end;
        while (last > start && (body.charAt(last - 1) == '\r' || body.charAt(last - 1) == '\n')) {
            last--;
        }
        return body.substring(start, last);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
