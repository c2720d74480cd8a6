package io.frontdesk.waf.engine.seclang;

import java.util.List;

/** One directive as written: its name, its arguments (quotes removed), and where it starts. */
public record Directive(String name, List<String> arguments, Source source) {
}
