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
        TransformedValues.Made made = new TransformedValues(chains.size()).of(new VariableValue("ARGS", "q", "SELECT"));

        String first = TransformedValues.of(made, lowered);

        assertThat(first).isEqualTo("select");
        assertThat(TransformedValues.of(made, trimmedThenLowered)).isSameAs(first);
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
        TransformedValues.Made made = new TransformedValues(chains.size()).of(new VariableValue("ARGS", "q", "SELECT"));

        String first = TransformedValues.of(made, late);

        assertThat(first).isEqualTo("select");
        assertThat(TransformedValues.of(made, early)).isSameAs(first);
    }

    @Test
    void aChainWhosePrefixMadeSomethingElseMakesItsOwn() {
        TransformationChain lowered = chains.of(List.of("lowercase"));
        TransformationChain decodedThenLowered = chains.of(List.of("urlDecodeUni", "lowercase"));
        TransformedValues.Made made = new TransformedValues(chains.size()).of(new VariableValue("ARGS", "q", "A%42"));

        assertThat(TransformedValues.of(made, lowered)).isEqualTo("a%42");
        assertThat(TransformedValues.of(made, decodedThenLowered)).isEqualTo("ab");
    }
}
