package io.frontdesk.waf.engine.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a body processor found: arguments (ARGS_POST), uploaded files (FILES, FILES_NAMES,
 * FILES_SIZES), multipart part headers, flags such as MULTIPART_STRICT_ERROR, XML text and the
 * first error. Names and values are byte strings.
 */
public final class ParsedBody {

    /** One name with one value, in the order the body holds them. */
    public record Field(String name, String value) {
    }

    /** An uploaded file: its form field, the file name the client gave, its size and content. */
    public record UploadedFile(String field, String fileName, long size, String content) {
    }

    private final List<Field> arguments = new ArrayList<>();
    private final List<UploadedFile> files = new ArrayList<>();
    private final List<Field> partHeaders = new ArrayList<>();
    private final Map<String, String> flags = new LinkedHashMap<>();
    private final List<Field> xmlNodes = new ArrayList<>();
    private String error;

    public void argument(String name, String value) {
        arguments.add(new Field(name, value));
    }

    public void file(UploadedFile file) {
        files.add(file);
    }

    /** A header line of a multipart part (MULTIPART_PART_HEADERS), under the part's field name. */
    public void partHeader(String field, String line) {
        partHeaders.add(new Field(field, line));
    }

    /** A scalar variable the processor sets, such as {@code MULTIPART_LF_LINE} to {@code 1}. */
    public void flag(String variable, String value) {
        flags.put(variable, value);
    }

    /** A text node of an XML body, under its XPath-like location; {@code XML:/*} joins them all. */
    public void xmlText(String path, String text) {
        xmlNodes.add(new Field(path, text));
    }

    /** Records the first error; later ones are consequences of it. */
    public void error(String message) {
        if (error == null) {
            error = message;
        }
    }

    public List<Field> arguments() {
        return arguments;
    }

    public List<UploadedFile> files() {
        return files;
    }

    public List<Field> partHeaders() {
        return partHeaders;
    }

    public Map<String, String> flags() {
        return flags;
    }

    public List<Field> xmlNodes() {
        return xmlNodes;
    }

    /** The first error, or {@code null} when the body was read without one. */
    public String error() {
        return error;
    }
}
