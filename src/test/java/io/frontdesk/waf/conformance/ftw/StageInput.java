package io.frontdesk.waf.conformance.ftw;

import java.util.List;

/**
 * The request of a stage, exactly as the suite's runner sends it. Every text is a byte string
 * (each char one byte), so that what is sent, and what a parser reads back, compare as they are.
 */
public sealed interface StageInput {

    /**
     * A request made of its parts, with the runner's header completion already applied: the
     * headers are in sending order and the body is encoded as it goes out.
     */
    record Composed(String method, String uri, String version, List<Header> headers, String body)
            implements StageInput {

        public Composed {
            headers = List.copyOf(headers);
        }
    }

    /** A request given whole ({@code encoded_request}, {@code raw_request}), sent byte for byte. */
    record Raw(String bytes) implements StageInput {
    }
}
