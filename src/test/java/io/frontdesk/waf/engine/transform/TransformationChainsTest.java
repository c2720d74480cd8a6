package io.frontdesk.waf.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TransformationChainsTest {

    private final TransformationChains chains = new TransformationChains();

    @Test
    void chainsThatBeginAlikeShareTheirPrefix() {
        TransformationChain decoded = chains.of(List.of("urlDecodeUni"));
        TransformationChain lowered = chains.of(List.of("urlDecodeUni", "lowercase"));
        TransformationChain compressed = chains.of(List.of("urlDecodeUni", "compressWhitespace"));

        assertThat(lowered.prefix()).isSameAs(decoded);
        assertThat(compressed.prefix()).isSameAs(decoded);
        assertThat(chains.of(List.of("urlDecodeUni", "lowercase"))).isSameAs(lowered);
        assertThat(decoded.prefix().isEmpty()).isTrue();
        assertThat(lowered.steps()).containsExactly(decoded, lowered);
    }

    @Test
    void everyChainHasItsOwnIndexBelowTheSize() {
        List<TransformationChain> made = List.of(chains.of(List.of()), chains.of(List.of("lowercase")),
                chains.of(List.of("lowercase", "trim")), chains.of(List.of("trim")));

        assertThat(made).extracting(TransformationChain::index).containsExactly(0, 1, 2, 3);
        assertThat(chains.size()).isEqualTo(4);
    }

    @Test
    void aChainAppliesItsTransformationsInOrder() {
        TransformationChain chain = chains.of(List.of("urlDecodeUni", "lowercase", "compressWhitespace"));

        String value = "SELECT%20%20%41";
        for (TransformationChain step : chain.steps()) {
            value = step.applyLast(value);
        }

        assertThat(value).isEqualTo("select a");
        assertThat(chain.applyLast("A  B")).isEqualTo("A B");
        assertThat(chains.of(List.of()).steps()).isEmpty();
    }
}
