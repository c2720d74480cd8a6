package io.frontdesk.waf.conformance.ftw;

import java.util.List;

/** Decodes a chunked body leniently, noting what is malformed and leaving what cannot be read as trailing. */
final class Chunks {

    private Chunks() {
    }

    /** The decoded body and the bytes after the last chunk's trailer section. */
    static FramedBody decode(String content, List<String> irregularities) {
        StringBuilder body = new StringBuilder();
        int position = 0;
        while (true) {
            int lineFeed = content.indexOf('\n', position);
            if (lineFeed < 0) {
                irregularities.add("chunked body without its last chunk");
                return new FramedBody(body.toString(), content.substring(position));
            }
            String sizeLine = stripCarriageReturn(content.substring(position, lineFeed));
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
            int size;
            try {
                size = hex.isEmpty() || hex.charAt(0) == '+' || hex.charAt(0) == '-' ? -1 : Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                irregularities.add("chunk size line that is not a hex number: '" + sizeLine + "'");
                return new FramedBody(body.toString(), content.substring(position));
            }
            position = lineFeed + 1;
            if (size == 0) {
                int end = skipTrailer(content, position, irregularities);
                return new FramedBody(body.toString(), content.substring(end));
            }
            if (position + size > content.length()) {
                irregularities.add("last chunk shorter than its size " + size);
                body.append(content, position, content.length());
                return new FramedBody(body.toString(), "");
            }
            body.append(content, position, position + size);
            position += size;
            if (content.startsWith("\r\n", position)) {
                position += 2;
            } else if (content.startsWith("\n", position)) {
                position += 1;
            } else {
                irregularities.add("chunk not followed by a line end");
            }
        }
    }

    /** The position after the trailer fields and their empty line. */
    private static int skipTrailer(String content, int position, List<String> irregularities) {
        while (true) {
            int lineFeed = content.indexOf('\n', position);
            if (lineFeed < 0) {
                irregularities.add("chunked body without its final empty line");
                return content.length();
            }
            String line = stripCarriageReturn(content.substring(position, lineFeed));
            position = lineFeed + 1;
            if (line.isEmpty()) {
                return position;
            }
            irregularities.add("trailer field '" + line + "'");
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
