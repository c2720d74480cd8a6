package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.transform.TransformationChains;
import io.frontdesk.waf.engine.variable.VariableValue;

class TransformedValuesTest {

    private static final List<String> UNCHANGING_HERE = List.of("none", "trim", "trimLeft", "trimRight",
            "removeNulls", "replaceNulls", "compressWhitespace", "removeWhitespace", "normalizePath", "uppercase");

    private final TransformationChains chains = new TransformationChains();

    @Test
    void aChainWhosePrefixMadeTheSameStringAsAnotherChainsTakesThatChainsResult() {
        TransformationChain lowered = chains.of(List.of("lowercase"));
        TransformationChain trimmedThenLowered = chains.of(List.of("trim", "lowercase"));

        assertSecondTakesUpFirst(lowered, trimmedThenLowered);
    }

    @Test
    void aChainNumberedBeyondSixtyFourIsTakenUpToo() {
        TransformationChain early = chains.of(List.of("trim", "lowercase"));
        for (String first : UNCHANGING_HERE) {
            for (String second : UNCHANGING_HERE) {
                chains.of(List.of(first, second));
            }
        }
        TransformationChain late = chains.of(List.of("trimLeft", "trimRight", "lowercase"));
        assertThat(early.index()).isLessThan(Long.SIZE);
        assertThat(late.index()).isGreaterThanOrEqualTo(Long.SIZE);

        assertSecondTakesUpFirst(late, early);
    }

    @Test
    void aChainWhosePrefixMadeSomethingElseMakesItsOwn() {
        TransformationChain lowered = chains.of(List.of("lowercase"));
        TransformationChain decodedThenLowered = chains.of(List.of("urlDecodeUni", "lowercase"));
        TransformedValues.Made made = madeOf("A%42");

        assertThat(TransformedValues.of(made, lowered)).isEqualTo("a%42");
        assertThat(TransformedValues.of(made, decodedThenLowered)).isEqualTo("ab");
    }

    /** Of "SELECT", the second chain (its prefix leaving the value as it is) makes the very string the first made. */
    private void assertSecondTakesUpFirst(TransformationChain first, TransformationChain second) {
        TransformedValues.Made made = madeOf("SELECT");

        String madeFirst = TransformedValues.of(made, first);

        assertThat(madeFirst).isEqualTo("select");
        assertThat(TransformedValues.of(made, second)).isSameAs(madeFirst);
    }

    private TransformedValues.Made madeOf(String value) {
        return new TransformedValues(new RecentValues(chains.size(), 0)).of(new VariableValue("ARGS", "q", value));
    }
}
