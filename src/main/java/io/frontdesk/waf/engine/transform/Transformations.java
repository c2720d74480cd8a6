package io.frontdesk.waf.engine.transform;

import java.util.Map;

/** Every transformation the engine knows, by its SecLang name. A new one is one class and one line here. */
public final class Transformations {

    private static final Map<String, Transformation> BY_NAME = Map.ofEntries(
            Map.entry("none", value -> value),
            Map.entry("lowercase", new AsciiCase(false)),
            Map.entry("uppercase", new AsciiCase(true)),
            Map.entry("urlDecode", new UrlDecode(false)),
            Map.entry("urlDecodeUni", new UrlDecode(true)),
            Map.entry("urlEncode", new UrlEncode()),
            Map.entry("removeNulls", new RemoveNulls()),
            Map.entry("replaceNulls", new ReplaceNulls()),
            Map.entry("removeWhitespace", new RemoveWhitespace()),
            Map.entry("compressWhitespace", new CompressWhitespace()),
            Map.entry("trim", new Trim(true, true)),
            Map.entry("trimLeft", new Trim(true, false)),
            Map.entry("trimRight", new Trim(false, true)),
            Map.entry("length", value -> Integer.toString(value.length())),
            Map.entry("sha1", new Digest("SHA-1")),
            Map.entry("md5", new Digest("MD5")),
            Map.entry("hexEncode", new HexEncode()),
            Map.entry("hexDecode", new HexDecode()),
            Map.entry("sqlHexDecode", new SqlHexDecode()),
            Map.entry("base64Decode", new Base64Decode(false)),
            Map.entry("base64DecodeExt", new Base64Decode(true)),
            Map.entry("base64Encode", new Base64Encode()),
            Map.entry("utf8toUnicode", new Utf8ToUnicode()),
            Map.entry("normalizePath", new NormalizePath(false)),
            Map.entry("normalisePath", new NormalizePath(false)),
            Map.entry("normalizePathWin", new NormalizePath(true)),
            Map.entry("normalisePathWin", new NormalizePath(true)),
            Map.entry("htmlEntityDecode", new HtmlEntityDecode()),
            Map.entry("jsDecode", new JsDecode()),
            Map.entry("cssDecode", new CssDecode()),
            Map.entry("escapeSeqDecode", new EscapeSeqDecode()),
            Map.entry("cmdLine", new CmdLine()),
            Map.entry("removeComments", new RemoveComments()),
            Map.entry("replaceComments", new ReplaceComments()),
            Map.entry("removeCommentsChar", new RemoveCommentsChar()),
            Map.entry("parityEven7bit", new Parity7Bit(Parity7Bit.Parity.EVEN)),
            Map.entry("parityOdd7bit", new Parity7Bit(Parity7Bit.Parity.ODD)),
            Map.entry("parityZero7bit", new Parity7Bit(Parity7Bit.Parity.ZERO)));

    private Transformations() {
    }

    /** The transformation of that name, or {@code null}. */
    public static Transformation named(String name) {
        return BY_NAME.get(name);
    }
}
