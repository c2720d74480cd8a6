package io.frontdesk.waf.engine.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariableTest {

    @Test
    void aNamesVariableGivesTheKeysOfTheKeyedOneItIsNamedAfter() {
        for (Variable variable : Variable.values()) {
            if (variable.kind() == Variable.Kind.NAMES) {
                assertThat(variable.namesOf().kind()).as(variable.name()).isEqualTo(Variable.Kind.KEYED);
                assertThat(variable.name()).isEqualTo(variable.namesOf().name() + "_NAMES");
            } else {
                assertThat(variable.namesOf()).as(variable.name()).isNull();
            }
        }
    }

    @Test
    void isFoundByItsUpperCaseNameOnly() {
        assertThat(Variable.named("REQUEST_HEADERS_NAMES")).isEqualTo(Variable.REQUEST_HEADERS_NAMES);
        assertThat(Variable.named("request_headers")).isNull();
        assertThat(Variable.named("ARGZ")).isNull();
    }

    @Test
    void onlyTransactionAndPersistentCollectionsAreSetByRules() {
        assertThat(Variable.TX.mutable()).isTrue();
        assertThat(Variable.IP.mutable()).isTrue();
        assertThat(Variable.ARGS.mutable()).isFalse();
        assertThat(Variable.REQUEST_URI.mutable()).isFalse();
    }
}
