package io.frontdesk.waf.conformance.ftw;

/** A message body as its framing delimits it, and the bytes that follow it. */
record FramedBody(String body, String trailing) {
}
