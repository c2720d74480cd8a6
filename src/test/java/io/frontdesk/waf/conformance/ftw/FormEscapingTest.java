package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormEscapingTest {

    @Test
    void escapesAsGosQueryEscapeDoes() {
        assertThat(FormEscaping.escape("az-AZ_09.~ *'<\u00e9")).isEqualTo("az-AZ_09.~+%2A%27%3C%E9");
    }
}
