package io.frontdesk.waf.conformance.ftw;

/** A regression test file that cannot be read as its format says, or asks for what is not supported. */
public class FtwFormatException extends RuntimeException {

    public FtwFormatException(String message) {
        super(message);
    }

    public FtwFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
