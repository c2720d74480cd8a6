package io.frontdesk.waf.conformance;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit lines appended since the last read, as go-ftw reads its log between markers. */
final class AuditLogReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private long position;

    AuditLogReader(Path file) {
        this.file = file;
    }

    List<JsonNode> newLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            byte[] bytes = new byte[(int) (length - position)];
            in.seek(position);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return lines;
            }
            position += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }
}
