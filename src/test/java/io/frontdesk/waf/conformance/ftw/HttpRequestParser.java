package io.frontdesk.waf.conformance.ftw;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HTTP/1.x request from bytes without rejecting anything: CRS tests send broken
 * requests on purpose (odd versions, no Host, bare LF line ends, header lines without a colon,
 * bodies longer or shorter than declared), and the parser reports what it saw, listing each
 * irregularity, for the caller to judge.
 */
public final class HttpRequestParser {

    private HttpRequestParser() {
    }

    public static ParsedRequest parse(byte[] request) {
        return parse(ByteStrings.of(request));
    }

    /** Parses a byte string. */
    public static ParsedRequest parse(String request) {
        Lines lines = new Lines(request);
        List<String> irregularities = new ArrayList<>();
        while (lines.nextIsEmptyLine()) {
            lines.next();
            irregularities.add("empty line before the request line");
        }
        String requestLine = lines.atEnd() ? "" : lines.next();
        RequestLine parts = splitRequestLine(requestLine, irregularities);
        List<Header> headers = new ArrayList<>();
        boolean headersEnded = readHeaders(lines, headers, irregularities);
        if (lines.sawBareLineFeed()) {
            irregularities.add("lines end in a bare LF");
        }
        String content = headersEnded ? lines.rest() : "";
        FramedBody framed = frame(headers, content, irregularities);
        return new ParsedRequest(parts.method(), parts.target(), parts.version(), headers, framed.body(),
                framed.trailing(), irregularities);
    }

    private record RequestLine(String method, String target, String version) {
    }

    private static RequestLine splitRequestLine(String line, List<String> irregularities) {
        int first = line.indexOf(' ');
        if (first < 0) {
            irregularities.add("request line without a space: '" + line + "'");
            return new RequestLine(line, "", "");
        }
        if (first == 0) {
            irregularities.add("request line starting with a space");
        }
        int last = line.lastIndexOf(' ');
        if (last == first) {
            irregularities.add("request line without a version");
            return new RequestLine(line.substring(0, first), line.substring(first + 1), "");
        }
        if (line.substring(first + 1, last).indexOf(' ') >= 0) {
            irregularities.add("spaces inside the request target");
        }
        if (last == line.length() - 1) {
            irregularities.add("request line with an empty version");
        }
        return new RequestLine(line.substring(0, first), line.substring(first + 1, last), line.substring(last + 1));
    }

    /** Reads header lines up to the empty line; false when the input ends before it. */
    private static boolean readHeaders(Lines lines, List<Header> headers, List<String> irregularities) {
        while (!lines.atEnd()) {
            String line = lines.next();
            if (line.isEmpty()) {
                return true;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.isEmpty()) {
                    irregularities.add("continuation line before any header: '" + line + "'");
                } else {
                    Header last = headers.remove(headers.size() - 1);
                    headers.add(new Header(last.name(), last.value() + " " + trimSpace(line)));
                    irregularities.add("header " + last.name() + " folded over lines");
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                irregularities.add("header line without a colon: '" + line + "'");
                continue;
            }
            String name = line.substring(0, colon);
            if (!HttpTokens.isToken(name)) {
                irregularities.add("header name that is not a token: '" + name + "'");
            }
            headers.add(new Header(name, trimSpace(line.substring(colon + 1))));
        }
        irregularities.add("headers not ended by an empty line");
        return false;
    }

    /** Body and trailing bytes, as a server would delimit them: chunked first, then Content-Length. */
    private static FramedBody frame(List<Header> headers, String content, List<String> irregularities) {
        List<String> encodings = ParsedRequest.valuesNamed(headers, "Transfer-Encoding");
        List<String> lengths = ParsedRequest.valuesNamed(headers, "Content-Length");
        if (!encodings.isEmpty()) {
            if (!lengths.isEmpty()) {
                irregularities.add("both Transfer-Encoding and Content-Length");
            }
            String joined = String.join(",", encodings);
            String lastCoding = trimSpace(joined.substring(joined.lastIndexOf(',') + 1));
            if (lastCoding.equalsIgnoreCase("chunked")) {
                return Chunks.decode(content, irregularities);
            }
            irregularities.add("Transfer-Encoding that does not end in chunked: '" + joined + "'");
            return new FramedBody("", content);
        }
        if (!lengths.isEmpty()) {
            return byLength(lengths, content, irregularities);
        }
        if (!content.isEmpty()) {
            irregularities.add(content.length() + " bytes after the headers without Content-Length");
        }
        return new FramedBody("", content);
    }

    private static FramedBody byLength(List<String> lengths, String content, List<String> irregularities) {
        if (lengths.stream().distinct().count() > 1) {
            irregularities.add("differing Content-Length values " + lengths);
        }
        String declared = lengths.get(0);
        long length;
        try {
            length = declared.chars().allMatch(c -> c >= '0' && c <= '9') ? Long.parseLong(declared) : -1;
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            irregularities.add("Content-Length that is not a number: '" + declared + "'");
            return new FramedBody("", content);
        }
        if (length > content.length()) {
            irregularities.add("body of " + content.length() + " bytes, shorter than its Content-Length " + length);
            return new FramedBody(content, "");
        }
        String trailing = content.substring((int) length);
        if (!trailing.isEmpty()) {
            irregularities.add(trailing.length() + " bytes after the body");
        }
        return new FramedBody(content.substring(0, (int) length), trailing);
    }

    private static String trimSpace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    /** Lines ending in LF or CRLF; a CR elsewhere stays in the line. */
    private static final class Lines {

        private final String text;
        private int position;
        private boolean bareLineFeed;

        Lines(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        boolean nextIsEmptyLine() {
            return text.startsWith("\r\n", position) || text.startsWith("\n", position);
        }

        /** The next line without its line end; at the end of input, the rest. */
        String next() {
            int lineFeed = text.indexOf('\n', position);
            if (lineFeed < 0) {
                String rest = text.substring(position);
                position = text.length();
                return rest;
            }
            int end = lineFeed;
            if (end > position && text.charAt(end - 1) == '\r') {
                end--;
            } else {
                bareLineFeed = true;
            }
            String line = text.substring(position, end);
            position = lineFeed + 1;
            return line;
        }

        String rest() {
            return text.substring(position);
        }

        boolean sawBareLineFeed() {
            return bareLineFeed;
        }
    }
}
