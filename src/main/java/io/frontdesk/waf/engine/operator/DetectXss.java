package io.frontdesk.waf.engine.operator;

import io.frontdesk.waf.detect.XssDetector;

/** {@code @detectXSS}: matches when the value holds markup that would run script. The argument is ignored. */
final class DetectXss implements Operator {

    @Override
    public boolean decidedByValueAlone() {
        return true;
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        return XssDetector.detect(value);
    }
}
