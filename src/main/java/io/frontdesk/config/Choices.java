package io.frontdesk.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Fixed-choice settings as operators write them: lower case, words joined by dashes
 * ({@code DETECTION_ONLY} is {@code detection-only}). Spring's binder reads them back leniently.
 */
public final class Choices {

    private Choices() {
    }

    /** The choice as written in {@code application.yml}. */
    public static String written(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every choice of the type as written, in declaration order: {@code on, detection-only, off}. */
    public static String all(Class<?> choices) {
        return Arrays.stream(choices.getEnumConstants()).map(choice -> written((Enum<?>) choice))
                .collect(Collectors.joining(", "));
    }
}
