package io.frontdesk.waf.engine.seclang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the directives of one file: lines ending in a backslash continue on the next, comments
 * ({@code #} first on a line) and blank lines are skipped, and each directive is split into its
 * name and arguments: bare words, or double-quoted strings in which {@code \"} stands for a quote
 * and {@code \\} for one backslash, as Apache httpd reads ModSecurity's directives (every other
 * backslash is kept, as regular expressions need them). The file is read byte for
 * byte (ISO-8859-1), so arguments are byte strings as values are: a UTF-8 literal in a pattern or
 * a phrase stands for its bytes, as in ModSecurity.
 */
final class DirectiveReader {

    private DirectiveReader() {
    }

    static List<Directive> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Directive> directives = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (logical.isEmpty()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1);
                continue;
            }
            logical.append(line);
            directives.add(split(logical.toString().strip(), new Source(file, start)));
            logical.setLength(0);
        }
        if (!logical.isEmpty()) {
            directives.add(split(logical.toString().strip(), new Source(file, start)));
        }
        return directives;
    }

    static Directive split(String text, Source source) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            if (c == '"') {
                i++;
                boolean closed = false;
                while (i < length) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < length && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new SecLangException(source, "a quoted argument is not closed");
                }
            } else {
                while (i < length && !Character.isWhitespace(text.charAt(i))) {
                    word.append(text.charAt(i++));
                }
            }
            words.add(word.toString());
        }
        return new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), source);
    }
}
