package io.frontdesk.waf.conformance.ftw;

import java.util.List;

/**
 * An HTTP/1.x request as read from bytes, all parts byte strings.
 *
 * @param method the request line up to its first space (empty when the line starts with one)
 * @param target the request line between its first and last space, spaces included
 * @param version the request line after its last space; empty when there is none
 * @param headers the header lines in order, names as written, values without surrounding spaces
 * @param body the body as its framing (chunked, else Content-Length) delimits it, de-chunked
 * @param trailing bytes after that body, or after the headers of a request that declares none
 * @param irregularities what a strict server would object to, in words, in the order found
 */
public record ParsedRequest(String method, String target, String version, List<Header> headers, String body,
        String trailing, List<String> irregularities) {

    public ParsedRequest {
        headers = List.copyOf(headers);
        irregularities = List.copyOf(irregularities);
    }

    /** The values of the headers of this name, ignoring ASCII case, in order. */
    public List<String> headerValues(String name) {
        return valuesNamed(headers, name);
    }

    static List<String> valuesNamed(List<Header> headers, String name) {
        return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }
}
