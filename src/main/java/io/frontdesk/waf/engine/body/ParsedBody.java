package io.frontdesk.waf.engine.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a body processor found: arguments (ARGS_POST), uploaded files (FILES, FILES_NAMES,
 * FILES_SIZES), multipart part headers, flags such as MULTIPART_STRICT_ERROR, variables with
 * several values such as MULTIPART_NAME, XML text and attributes, and the first error. Names and
 * values are byte strings.
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
    private final List<Field> collectionValues = new ArrayList<>();
    private final List<Field> xmlNodes = new ArrayList<>();
    private final List<Field> xmlAttributes = new ArrayList<>();
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

    /**
     * One value of a variable that holds one per occurrence, such as {@code MULTIPART_NAME} (every
     * {@code name=} of the parts' Content-Disposition headers), in the order they were read.
     */
    public void collectionValue(String variable, String value) {
        collectionValues.add(new Field(variable, value));
    }

    /**
     * A text node of an XML body, under the path of its element ({@code /root/item}); {@code XML:/*}
     * joins them all, in document order.
     */
    public void xmlText(String path, String text) {
        xmlNodes.add(new Field(path, text));
    }

    /**
     * An attribute of an XML element, under its path ({@code /root/item/@id}); {@code XML://@*} is
     * each of them. Namespace declarations are not attributes here, as in libxml2.
     */
    public void xmlAttribute(String path, String value) {
        xmlAttributes.add(new Field(path, value));
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

    /** Values of {@link #collectionValue}, each under the variable's name. */
    public List<Field> collectionValues() {
        return collectionValues;
    }

    public List<Field> xmlNodes() {
        return xmlNodes;
    }

    public List<Field> xmlAttributes() {
        return xmlAttributes;
    }

    /** The first error, or {@code null} when the body was read without one. */
    public String error() {
        return error;
    }
}
