package io.frontdesk.waf.engine.seclang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a directive's line is split into words, as Apache httpd splits ModSecurity's. */
class DirectiveReaderTest {

    private static final Source SOURCE = new Source(Path.of("rules.conf"), 1);

    @Test
    void aQuotedArgumentUnescapesQuotesAndDoubledBackslashesOnly() {
        Directive directive = DirectiveReader.split("SecRule ARGS \"@rx a\\\\\\\\b \\\"q\\\" \\d\\x5c\" \"id:1\"", SOURCE);

        assertThat(directive.name()).isEqualTo("SecRule");
        assertThat(directive.arguments()).containsExactly("ARGS", "@rx a\\\\b \"q\" \\d\\x5c", "id:1");
    }

    @Test
    void aBareWordKeepsEveryBackslash() {
        assertThat(DirectiveReader.split("SecMarker a\\\\b", SOURCE).arguments()).isEqualTo(List.of("a\\\\b"));
    }
}
