package io.frontdesk.waf.engine.variable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.seclang.VariableSpec;

/** A key pattern selects the keys its regex finds a match in, ignoring ASCII case, whether or not it is a plain literal. */
class TargetTest {

    @Test
    void aKeyPatternSelectsTheKeysItsRegexFindsAMatchIn() {
        List<String> patterns = List.of("^header_name_920450_", "rfi_parameter_.*", "^_pk_ref", "paramcounter_.*",
                "_ga", "a-b", "^pbjs-\\w+$", "^_ga(?:_\\w+)?$", "^", "x.*y");
        List<String> keys = List.of("header_name_920450_host", "HEADER_NAME_920450_X", "x_header_name_920450_",
                "header_name_92045", "", "rfi_parameter_", "tx.RFI_parameter_a", "_PK_REF.1", "_pk_re", "_GA_X1",
                "pbjs-abc", "a-b", "xA-By", "\u00c9_ga", "_g\u00c1", "header_name_920450_\u00e9", "paramcounter_");
        for (String pattern : patterns) {
            Target target = Target.of(new VariableSpec(Variable.TX, pattern, true, false, false));
            Pattern regex = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            for (String key : keys) {
                assertThat(target.selects(key)).as(pattern + " on " + key).isEqualTo(regex.matcher(key).find());
            }
        }
    }
}
