package io.frontdesk.waf.engine.operator;

import java.util.Optional;

import io.frontdesk.waf.detect.SqlInjectionDetector;

/**
 * {@code @detectSQLi}: matches when the value is a SQL injection; the injection's fingerprint is
 * capture 0, which CRS logs as the matched data. The argument is ignored.
 */
final class DetectSqlInjection implements Operator {

    @Override
    public boolean decidedByValueAlone() {
        return true;
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        Optional<String> fingerprint = SqlInjectionDetector.detect(value);
        if (fingerprint.isPresent() && context.capturing()) {
            context.capture(0, fingerprint.get());
        }
        return fingerprint.isPresent();
    }
}
