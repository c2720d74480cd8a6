package io.frontdesk.waf.engine.body;

/**
 * MULTIPART ({@code multipart/form-data}), read as ModSecurity v3 reads it: fields are arguments,
 * files are uploaded files, every part's header lines are MULTIPART_PART_HEADERS under the part's
 * name, every {@code name=} and {@code filename=} is MULTIPART_NAME and MULTIPART_FILENAME, and every
 * MULTIPART_* strictness variable is set: 0 or 1, and 2 for MULTIPART_UNMATCHED_BOUNDARY when a
 * boundary-like line was followed by a real boundary. docs/waf.md lists where it differs from v3.
 */
public final class MultipartProcessor implements BodyProcessor {

    private final int fileLimit;

    /** Without a limit on the number of files, as ModSecurity v3 by default. */
    public MultipartProcessor() {
        this(0);
    }

    /**
     * @param fileLimit how many files are kept (SecUploadFileLimit); past it a file has a name and
     *     a size but no content, MULTIPART_FILE_LIMIT_EXCEEDED is 1 and the body has an error.
     *     0 for no limit.
     */
    public MultipartProcessor(int fileLimit) {
        if (fileLimit < 0) {
            throw new IllegalArgumentException("the upload file limit is negative: " + fileLimit);
        }
        this.fileLimit = fileLimit;
    }

    @Override
    public void process(String body, String contentType, ParsedBody parsed) {
        MultipartStatus status = new MultipartStatus(parsed);
        String boundary = MultipartBoundary.read(contentType, status);
        if (boundary != null) {
            new MultipartReader(body, boundary, fileLimit, status, parsed).read();
        }
        status.report();
    }
}
