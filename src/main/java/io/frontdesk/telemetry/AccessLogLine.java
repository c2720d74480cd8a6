package io.frontdesk.telemetry;

import io.frontdesk.support.Json;

/** One access log line, its fields always in the same order; optional ones appear only with a value. */
final class AccessLogLine {

    private final StringBuilder json = new StringBuilder(320);

    AccessLogLine(LogClock clock, long epochMillis) {
        json.append("{\"time\":\"");
        clock.append(json, epochMillis).append('"');
    }

    AccessLogLine request(String client, String method, String path) {
        Json.field(json, "client", client);
        Json.field(json, "method", method);
        Json.field(json, "path", path);
        return this;
    }

    AccessLogLine outcome(int status, long bytes, long nanos) {
        Json.field(json, "status", status);
        Json.field(json, "bytes", bytes);
        json.append(",\"duration_ms\":").append(nanos / 1_000_000).append('.');
        long micros = nanos / 1_000 % 1_000;
        json.append(micros < 100 ? micros < 10 ? "00" : "0" : "").append(micros);
        return this;
    }

    AccessLogLine routing(String route, String backend) {
        Json.field(json, "route", route);
        Json.field(json, "backend", backend);
        return this;
    }

    AccessLogLine requestId(String requestId) {
        Json.field(json, "request_id", requestId);
        return this;
    }

    AccessLogLine optional(String field, String value) {
        if (value != null) {
            Json.field(json, field, value);
        }
        return this;
    }

    @Override
    public String toString() {
        return json.append('}').toString();
    }
}
