package io.frontdesk.telemetry;

import io.frontdesk.edge.RefusedHead;

/** Access log lines for request heads refused before any exchange began, so that every refusal is in the log. */
final class RefusedHeadLog implements RefusedHead.Listener {

    private final LogClock clock = new LogClock();
    private final AccessLog accessLog;

    RefusedHeadLog(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public void refused(RefusedHead head) {
        accessLog.offer(new AccessLogLine(clock, System.currentTimeMillis())
                .request(head.client(), head.method(), head.target())
                .outcome(head.status(), head.bytes(), 0)
                .routing("none", null)
                .requestId(head.requestId())
                .optional("refused", head.reason())
                .toString());
    }
}
