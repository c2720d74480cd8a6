package io.frontdesk.waf.engine;

import java.util.List;
import java.util.Locale;

/**
 * The engine settings rule files make with directives ({@code SecRuleEngine},
 * {@code SecRequestBodyLimit} ...). Immutable: each change is a new instance. The defaults are those
 * of ModSecurity's recommended configuration, which CRS assumes: request bodies inspected up to
 * 12.5 MiB (128 KiB without files), larger ones rejected; responses not inspected.
 */
public final class EngineSettings {

    public static final EngineSettings DEFAULTS = new EngineSettings();

    private EngineMode mode = EngineMode.ON;
    private boolean requestBodyAccess = true;
    private long requestBodyLimit = 13_107_200;
    private boolean rejectOverLimit = true;
    private long requestBodyNoFilesLimit = 131_072;
    private boolean responseBodyAccess;
    private List<String> responseBodyMimeTypes = List.of("text/plain", "text/html", "text/xml");
    private long responseBodyLimit = 524_288;
    private boolean rejectResponseOverLimit;
    private char argumentSeparator = '&';
    private String componentSignature = "";
    private long collectionTimeoutSeconds = 3600;
    private int denyStatus = 403;

    private EngineSettings() {
    }

    private EngineSettings copy() {
        EngineSettings copy = new EngineSettings();
        copy.mode = mode;
        copy.requestBodyAccess = requestBodyAccess;
        copy.requestBodyLimit = requestBodyLimit;
        copy.rejectOverLimit = rejectOverLimit;
        copy.requestBodyNoFilesLimit = requestBodyNoFilesLimit;
        copy.responseBodyAccess = responseBodyAccess;
        copy.responseBodyMimeTypes = responseBodyMimeTypes;
        copy.responseBodyLimit = responseBodyLimit;
        copy.rejectResponseOverLimit = rejectResponseOverLimit;
        copy.argumentSeparator = argumentSeparator;
        copy.componentSignature = componentSignature;
        copy.collectionTimeoutSeconds = collectionTimeoutSeconds;
        copy.denyStatus = denyStatus;
        return copy;
    }

    /**
     * These settings changed by one directive; an {@link IllegalArgumentException} when the value
     * does not fit the directive. {@code SecRequestBodyInMemoryLimit} and {@code SecPcreMatchLimit}
     * change nothing: bodies are held in memory up to the limit, and the engine bounds regular
     * expressions itself.
     */
    public EngineSettings with(String directive, String value) {
        String text = value.strip();
        EngineSettings changed = copy();
        switch (directive) {
            case "SecRuleEngine" -> changed.mode = EngineMode.parse(text);
            case "SecRequestBodyAccess" -> changed.requestBodyAccess = onOff(directive, text);
            case "SecRequestBodyLimit" -> changed.requestBodyLimit = size(directive, text);
            case "SecRequestBodyLimitAction" -> changed.rejectOverLimit = reject(directive, text);
            case "SecRequestBodyNoFilesLimit" -> changed.requestBodyNoFilesLimit = size(directive, text);
            case "SecResponseBodyAccess" -> changed.responseBodyAccess = onOff(directive, text);
            case "SecResponseBodyMimeType" ->
                changed.responseBodyMimeTypes = List.of(text.toLowerCase(Locale.ROOT).split("\\s+"));
            case "SecResponseBodyLimit" -> changed.responseBodyLimit = size(directive, text);
            case "SecResponseBodyLimitAction" -> changed.rejectResponseOverLimit = reject(directive, text);
            case "SecArgumentSeparator" -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException(directive + " takes one character, not '" + text + "'");
                }
                changed.argumentSeparator = text.charAt(0);
            }
            case "SecComponentSignature" -> changed.componentSignature = text;
            case "SecCollectionTimeout" -> changed.collectionTimeoutSeconds = size(directive, text);
            default -> {
                return this;
            }
        }
        return changed;
    }

    /** These settings with another mode, as an operator's configuration may ask. */
    public EngineSettings withMode(EngineMode newMode) {
        EngineSettings changed = copy();
        changed.mode = newMode;
        return changed;
    }

    /** These settings with another status for {@code deny} rules that name none (ModSecurity's is 403). */
    public EngineSettings withDenyStatus(int status) {
        EngineSettings changed = copy();
        changed.denyStatus = status;
        return changed;
    }

    public EngineMode mode() {
        return mode;
    }

    public boolean requestBodyAccess() {
        return requestBodyAccess;
    }

    public long requestBodyLimit() {
        return requestBodyLimit;
    }

    /** Whether a body over the limit is refused (413) rather than inspected in part. */
    public boolean rejectOverLimit() {
        return rejectOverLimit;
    }

    public long requestBodyNoFilesLimit() {
        return requestBodyNoFilesLimit;
    }

    public boolean responseBodyAccess() {
        return responseBodyAccess;
    }

    public List<String> responseBodyMimeTypes() {
        return responseBodyMimeTypes;
    }

    public long responseBodyLimit() {
        return responseBodyLimit;
    }

    public boolean rejectResponseOverLimit() {
        return rejectResponseOverLimit;
    }

    public char argumentSeparator() {
        return argumentSeparator;
    }

    public String componentSignature() {
        return componentSignature;
    }

    public long collectionTimeoutSeconds() {
        return collectionTimeoutSeconds;
    }

    /** {@code On} or {@code Off}, in any case; an {@link IllegalArgumentException} naming the setting otherwise. */
    public static boolean onOff(String directive, String text) {
        if (text.equalsIgnoreCase("on")) {
            return true;
        }
        if (text.equalsIgnoreCase("off")) {
            return false;
        }
        throw new IllegalArgumentException(directive + " takes On or Off, not '" + text + "'");
    }

    public int denyStatus() {
        return denyStatus;
    }

    private static boolean reject(String directive, String text) {
        if (text.equalsIgnoreCase("reject")) {
            return true;
        }
        if (text.equalsIgnoreCase("processpartial")) {
            return false;
        }
        throw new IllegalArgumentException(directive + " takes Reject or ProcessPartial, not '" + text + "'");
    }

    private static long size(String directive, String text) {
        try {
            long size = Long.parseLong(text);
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(directive + " takes a number, not '" + text + "'");
    }
}
