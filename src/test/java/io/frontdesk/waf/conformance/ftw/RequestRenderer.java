package io.frontdesk.waf.conformance.ftw;

/**
 * The bytes a stage's runner writes to the connection: a raw request as it is; a composed one as
 * {@code method SP uri SP version CRLF}, each header as {@code name ": " value CRLF}, an empty
 * line and the body. Nothing is checked or repaired: odd parts go out as they are.
 */
public final class RequestRenderer {

    private RequestRenderer() {
    }

    public static byte[] render(StageInput input) {
        return ByteStrings.bytes(renderByteString(input));
    }

    /** The same, as a byte string. */
    public static String renderByteString(StageInput input) {
        if (input instanceof StageInput.Raw raw) {
            return raw.bytes();
        }
        StageInput.Composed request = (StageInput.Composed) input;
        StringBuilder out = new StringBuilder(256 + request.body().length());
        out.append(request.method()).append(' ').append(request.uri()).append(' ').append(request.version())
                .append("\r\n");
        for (Header header : request.headers()) {
            out.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return out.append("\r\n").append(request.body()).toString();
    }
}
