package io.frontdesk.waf.engine.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.frontdesk.waf.engine.body.ParsedBody.Field;
import io.frontdesk.waf.engine.body.ParsedBody.UploadedFile;

/** multipart/form-data bodies, clean and crafted, read as ModSecurity v3 reads them. */
class MultipartProcessorTest {

    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String[] FLAGS = {"MULTIPART_STRICT_ERROR", "MULTIPART_UNMATCHED_BOUNDARY",
        "MULTIPART_BOUNDARY_QUOTED", "MULTIPART_BOUNDARY_WHITESPACE", "MULTIPART_DATA_BEFORE",
        "MULTIPART_DATA_AFTER", "MULTIPART_HEADER_FOLDING", "MULTIPART_LF_LINE", "MULTIPART_CRLF_LF_LINES",
        "MULTIPART_MISSING_SEMICOLON", "MULTIPART_INVALID_QUOTING", "MULTIPART_INVALID_PART",
        "MULTIPART_INVALID_HEADER_FOLDING", "MULTIPART_FILE_LIMIT_EXCEEDED"};

    private static ParsedBody read(String contentType, String body) {
        ParsedBody parsed = new ParsedBody();
        new MultipartProcessor().process(body, contentType, parsed);
        return parsed;
    }

    /** Lines joined with CR LF, and a CR LF after the last. */
    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String delimiter() {
        return "--" + BOUNDARY;
    }

    private static String end() {
        return "--" + BOUNDARY + "--";
    }

    /** What a browser sends for a form with two text fields and a file. */
    private static String browserBody() {
        return crlf(delimiter(),
                "Content-Disposition: form-data; name=\"user\"",
                "",
                "alice",
                delimiter(),
                "Content-Disposition: form-data; name=\"comment\"",
                "",
                "first line",
                "second line",
                delimiter(),
                "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"",
                "Content-Type: image/png",
                "",
                "\u0089PNG",
                "binary\u0000data",
                end());
    }

    private static Map<String, String> flagsRaised(ParsedBody parsed) {
        return parsed.flags().entrySet().stream().filter(entry -> !entry.getValue().equals("0"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aBrowserBodyGivesFieldsFilesHeadersAndNoFlag() {
        ParsedBody parsed = read(CONTENT_TYPE, browserBody());

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(
                tuple("user", "alice"), tuple("comment", "first line\r\nsecond line"));
        assertThat(parsed.files()).containsExactly(
                new UploadedFile("avatar", "me.png", 17, "\u0089PNG\r\nbinary\u0000data"));
        assertThat(parsed.partHeaders()).extracting(Field::name, Field::value).containsExactly(
                tuple("user", "Content-Disposition: form-data; name=\"user\""),
                tuple("comment", "Content-Disposition: form-data; name=\"comment\""),
                tuple("avatar", "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\""),
                tuple("avatar", "Content-Type: image/png"));
        assertThat(parsed.collectionValues()).extracting(Field::name, Field::value).containsExactly(
                tuple("MULTIPART_NAME", "user"), tuple("MULTIPART_NAME", "comment"),
                tuple("MULTIPART_NAME", "avatar"), tuple("MULTIPART_FILENAME", "me.png"));
        assertThat(parsed.flags()).containsOnlyKeys(FLAGS);
        assertThat(flagsRaised(parsed)).isEmpty();
    }

    @Test
    void theBoundaryMayBeQuotedOrFollowedByACharset() {
        String body = crlf("--abc", "Content-Disposition: form-data; name=a", "", "1", "--abc--");

        ParsedBody quoted = read("multipart/form-data; boundary=\"abc\"", body);
        assertThat(quoted.arguments()).extracting(Field::value).containsExactly("1");
        assertThat(flagsRaised(quoted)).containsOnlyKeys("MULTIPART_BOUNDARY_QUOTED", "MULTIPART_STRICT_ERROR");

        ParsedBody charset = read("multipart/form-data; boundary=abc; charset=UTF-8", body);
        assertThat(charset.error()).isNull();
        assertThat(charset.arguments()).extracting(Field::value).containsExactly("1");
        assertThat(flagsRaised(charset)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "multipart/form-data; boundary =abc   | MULTIPART_BOUNDARY_WHITESPACE",
        "'multipart/form-data;boundary= abc'  | MULTIPART_BOUNDARY_WHITESPACE",
        "multipart/form-data boundary=abc     | MULTIPART_MISSING_SEMICOLON"})
    void theContentTypeRaisesItsFlags(String contentType, String flag) {
        String boundary = contentType.endsWith(" abc") ? " abc" : "abc";
        String body = crlf("--" + boundary, "Content-Disposition: form-data; name=a", "", "1", "--" + boundary + "--");

        ParsedBody parsed = read(contentType, body);

        assertThat(parsed.arguments()).extracting(Field::value).containsExactly("1");
        assertThat(flagsRaised(parsed)).containsOnlyKeys(flag, "MULTIPART_STRICT_ERROR");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''                                            | Multipart: Content-Type header not available.",
        "multipart/mixed; boundary=abc                 | Multipart: Invalid MIME type.",
        "multipart/form-data                           | Multipart: Boundary not found in C-T.",
        "multipart/form-data; Boundary=abc             | Multipart: Invalid boundary in C-T (case sensitivity).",
        "multipart/form-data; boundary=a; boundary=b   | Multipart: Multiple boundary parameters in C-T.",
        "multipart/form-data, boundary=abc             | Multipart: Invalid boundary in C-T (malformed).",
        "multipart/form-data; boundary123=abc          | Multipart: Invalid boundary in C-T (parameter name).",
        "multipart/form-data; boundary=\"abc           | Multipart: Invalid boundary in C-T (quote).",
        "multipart/form-data; boundary=abc\"           | Multipart: Invalid boundary in C-T (quote).",
        "multipart/form-data; boundary=\"\"            | Multipart: Invalid boundary in C-T (empty).",
        "multipart/form-data; boundary=a!b             | Multipart: Invalid boundary in C-T (characters).",
        "multipart/form-data; boundary=abc<space>      | Multipart: Invalid boundary in C-T (characters).",
        "multipart/form-data; boundary=xboundaryx=     | Multipart: Multiple boundary parameters in C-T."})
    void aContentTypeWithoutAUsableBoundaryIsAnError(String contentType, String message) {
        ParsedBody parsed = read(contentType.replace("<space>", " "), crlf("--abc", "x", "--abc--"));

        assertThat(parsed.error()).isEqualTo("Multipart parsing error: " + message);
        assertThat(parsed.arguments()).isEmpty();
        assertThat(parsed.flags()).containsEntry("MULTIPART_STRICT_ERROR", "1").containsOnlyKeys(FLAGS);
    }

    @Test
    void dataBeforeTheFirstBoundaryAndAfterTheLastRaiseTheirFlags() {
        ParsedBody parsed = read(CONTENT_TYPE, "preamble\r\n" + browserBody() + "epilogue");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).hasSize(2);
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_DATA_BEFORE", "MULTIPART_DATA_AFTER",
                "MULTIPART_STRICT_ERROR");
    }

    @Test
    void aFoldedHeaderContinuesTheOneBefore() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data;",
                "  name=\"folded\"", "", "v", end()));

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(tuple("folded", "v"));
        assertThat(parsed.partHeaders()).extracting(Field::value)
                .containsExactly("Content-Disposition: form-data; name=\"folded\"");
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_HEADER_FOLDING", "MULTIPART_STRICT_ERROR");
    }

    @Test
    void foldingWithOtherWhitespaceThanSpaceOrTabIsInvalid() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data;",
                "\u000bname=\"folded\"", "", "v", end()));

        assertThat(parsed.arguments()).extracting(Field::name).containsExactly("folded");
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_HEADER_FOLDING",
                "MULTIPART_INVALID_HEADER_FOLDING", "MULTIPART_STRICT_ERROR");
    }

    @Test
    void linesEndingInALineFeedAloneAreFlagged() {
        ParsedBody lf = read(CONTENT_TYPE, browserBody().replace("\r\n", "\n"));
        assertThat(lf.error()).isNull();
        assertThat(lf.arguments()).extracting(Field::value).containsExactly("alice", "first line\nsecond line");
        assertThat(flagsRaised(lf)).containsOnlyKeys("MULTIPART_LF_LINE", "MULTIPART_STRICT_ERROR");

        ParsedBody mixed = read(CONTENT_TYPE, browserBody().replace("alice\r\n", "alice\n"));
        assertThat(mixed.arguments()).extracting(Field::value).startsWith("alice");
        assertThat(flagsRaised(mixed)).containsOnlyKeys("MULTIPART_LF_LINE", "MULTIPART_CRLF_LF_LINES",
                "MULTIPART_STRICT_ERROR");
    }

    @Test
    void singleQuotesAreAcceptedButFlagged() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(),
                "Content-Disposition: form-data; name='quoted'; filename=it's", "", "v", end()));

        assertThat(parsed.error()).isNull();
        assertThat(parsed.files()).extracting(UploadedFile::field, UploadedFile::fileName)
                .containsExactly(tuple("quoted", "it's"));
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_INVALID_QUOTING", "MULTIPART_STRICT_ERROR");
    }

    @Test
    void aBoundaryWhereContentShouldBeginIsContentAndThePartIsInvalid() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(),
                "Content-Disposition: form-data; name=\"a\"",
                "",
                delimiter(),
                "Content-Disposition: form-data; name=\"b\"",
                "",
                "hidden",
                end()));

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(tuple("a",
                delimiter() + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nhidden"));
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_INVALID_PART", "MULTIPART_STRICT_ERROR");
    }

    @Test
    void aPartWhoseHeadersAreWrongHidesTheRestOfTheBody() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"", "",
                "v", delimiter(), "Content-Disposition: form-data", "", "w", delimiter(),
                "Content-Disposition: form-data; name=\"c\"", "", "x", end()));

        assertThat(parsed.error()).isEqualTo(
                "Multipart parsing error: Multipart: Content-Disposition header missing name field.");
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(tuple("a", "v"));
        assertThat(parsed.flags()).containsEntry("MULTIPART_STRICT_ERROR", "1");
    }

    @Test
    void aPartWithoutANameIsInvalid() {
        ParsedBody parsed = read(CONTENT_TYPE, delimiter() + "\r\n" + end());

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).isEmpty();
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_INVALID_PART", "MULTIPART_STRICT_ERROR");
    }

    @Test
    void aLineThatLooksLikeAnotherBoundaryIsUnmatched() {
        ParsedBody framed = read(CONTENT_TYPE, crlf(delimiter(),
                "Content-Disposition: form-data; name=\"key\"; filename=\"key.pem\"",
                "",
                "-----BEGIN PUBLIC KEY-----",
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
                "-----END PUBLIC KEY-----",
                end()));
        assertThat(framed.error()).isNull();
        assertThat(framed.files()).extracting(UploadedFile::content).singleElement().asString()
                .startsWith("-----BEGIN").endsWith("KEY-----");
        assertThat(framed.flags()).containsEntry("MULTIPART_UNMATCHED_BOUNDARY", "2")
                .containsEntry("MULTIPART_STRICT_ERROR", "0");

        ParsedBody unframed = read(CONTENT_TYPE, crlf("--something-else", end()));
        assertThat(unframed.flags()).containsEntry("MULTIPART_UNMATCHED_BOUNDARY", "1");

        ParsedBody inside = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"", "",
                "text " + delimiter() + " text", end()));
        assertThat(inside.arguments()).extracting(Field::value).containsExactly("text " + delimiter() + " text");
        assertThat(inside.flags()).containsEntry("MULTIPART_UNMATCHED_BOUNDARY", "2");
    }

    @Test
    void filesPastTheUploadLimitKeepTheirNameAndSizeOnly() {
        String body = crlf(delimiter(),
                "Content-Disposition: form-data; name=\"one\"; filename=\"1.txt\"", "", "first", "file",
                delimiter(),
                "Content-Disposition: form-data; name=\"two\"; filename=\"2.txt\"", "", "second",
                end());
        ParsedBody parsed = new ParsedBody();

        new MultipartProcessor(1).process(body, CONTENT_TYPE, parsed);

        assertThat(parsed.files()).containsExactly(new UploadedFile("one", "1.txt", 11, "first\r\nfile"),
                new UploadedFile("two", "2.txt", 6, ""));
        assertThat(parsed.error()).isEqualTo("Multipart parsing error: Multipart: Upload file limit exceeded 1."
                + " Use SecUploadFileLimit to change the limit.");
        assertThat(flagsRaised(parsed)).containsOnlyKeys("MULTIPART_FILE_LIMIT_EXCEEDED", "MULTIPART_STRICT_ERROR");
        assertThat(read(CONTENT_TYPE, body).files()).extracting(UploadedFile::content)
                .containsExactly("first\r\nfile", "second");
        assertThatThrownBy(() -> new MultipartProcessor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFinalBoundaryMayLackItsLineBreakButNotBeMissing() {
        String withoutFinal = crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"", "", "v");

        ParsedBody unterminated = read(CONTENT_TYPE, withoutFinal + end());
        assertThat(unterminated.error()).isNull();
        assertThat(unterminated.arguments()).extracting(Field::value).containsExactly("v");

        ParsedBody missing = read(CONTENT_TYPE, withoutFinal);
        assertThat(missing.error()).isEqualTo("Multipart parsing error: Multipart: Final boundary missing.");
        assertThat(missing.arguments()).isEmpty();
        assertThat(missing.flags()).containsEntry("MULTIPART_STRICT_ERROR", "1");

        ParsedBody none = read(CONTENT_TYPE, "just text\r\n");
        assertThat(none.error()).isEqualTo("Multipart parsing error: Multipart: No boundaries found in payload.");

        ParsedBody empty = read(CONTENT_TYPE, "");
        assertThat(empty.error()).isNull();
        assertThat(flagsRaised(empty)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'Content-Type: text/plain'                   | Multipart: Part missing Content-Disposition header.",
        "'Content-Disposition: attachment; name=a'    | Multipart: Invalid Content-Disposition header (-1):"
                + " attachment; name=a",
        "'Content-Disposition: form-data name=a'      | Multipart: Invalid Content-Disposition header (-2):"
                + " form-data name=a",
        "'Content-Disposition: form-data; name=a; '   | 'Multipart: Invalid Content-Disposition header (-3):"
                + " form-data; name=a; '",
        "'Content-Disposition: form-data; size=1'     | Multipart: Invalid Content-Disposition header (-11):"
                + " form-data; size=1",
        "'Content-Disposition: form-data; name=a x'   | Multipart: Invalid Content-Disposition header (-12):"
                + " form-data; name=a x",
        "'Content-Disposition: form-data; name=a; name=b' | Multipart: Invalid Content-Disposition header"
                + " (-14): form-data; name=a; name=b",
        "'Content-Disposition: form-data; name=a; filename*=utf-8''''x.txt' | Multipart: Invalid"
                + " Content-Disposition header (-21): form-data; name=a; filename*=utf-8''x.txt",
        "'Content-Disposition: form-data; name=a; filename =x' | Multipart: Invalid Content-Disposition header"
                + " (filename).",
        "'Content-Disposition: form-data; name=\"a'   | Multipart: Invalid Content-Disposition header (-10):"
                + " form-data; name=\"a",
        "'Content-Disposition form-data; name=a'      | Multipart: Invalid part header (colon missing):"
                + " Content-Disposition form-data; name=a",
        "': form-data; name=a'                        | Multipart: Invalid part header (header name missing).",
        "'Content Disposition: form-data; name=a'     | Multipart: Invalid part header (contains invalid"
                + " character).",
        "' name=a'                                    | Multipart: Invalid part header (folding error)."})
    void aBadPartHeaderIsAnError(String header, String message) {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), header, "", "v", end()));

        assertThat(parsed.error()).isEqualTo("Multipart parsing error: " + message);
        assertThat(parsed.flags()).containsEntry("MULTIPART_STRICT_ERROR", "1");
    }

    @Test
    void aNulByteInPartHeadersAndAnOverlongFoldedHeaderAreErrors() {
        ParsedBody nul = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"",
                "X-Note: a\u0000b", "", "v", end()));
        assertThat(nul.error()).isEqualTo("Multipart parsing error: Multipart: Nul byte in part headers.");
        assertThat(nul.arguments()).extracting(Field::value).containsExactly("v");

        String fold = " " + "f".repeat(1500);
        ParsedBody folded = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"",
                "X-Note: n", fold, fold, fold, "", "v", end()));
        assertThat(folded.error()).isEqualTo("Multipart parsing error: Multipart: Part header too long.");
        assertThat(folded.partHeaders()).extracting(Field::value).last().asString().startsWith("X-Note: n f")
                .hasSize("X-Note: n".length() + 3 * fold.length());
    }

    @Test
    void aRepeatedPartHeaderIsAnErrorAndTheFirstOneCounts() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"seen\"",
                "content-disposition: form-data; name=\"other\"", "", "v", end()));

        assertThat(parsed.error()).isEqualTo(
                "Multipart parsing error: Multipart: Duplicate part header: content-disposition.");
        assertThat(parsed.arguments()).extracting(Field::name).containsExactly("seen");
    }

    @Test
    void aControlCharacterInAHeaderNameIsAnErrorButTheBodyIsStillRead() {
        ParsedBody parsed = read("multipart/form-data; boundary=boundary", crlf("--boundary",
                "\u000eContent-Disposition: form-data; name=\"file\"; filename=\"1.php\"",
                "Content-Disposition: form-data; name=\"post\"",
                "",
                "<?php var_dump(file_get_contents(\"/etc/passwd\"));") + "--boundary--");

        assertThat(parsed.error()).isEqualTo(
                "Multipart parsing error: Multipart: Invalid part header (contains invalid character).");
        assertThat(parsed.arguments()).extracting(Field::name, Field::value)
                .containsExactly(tuple("post", "<?php var_dump(file_get_contents(\"/etc/passwd\"));"));
        assertThat(parsed.partHeaders()).extracting(Field::value)
                .containsExactly("Content-Disposition: form-data; name=\"post\"");
    }

    @Test
    void aMalformedBoundaryLineStopsReading() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"a\"", "",
                "v", delimiter() + "x", "Content-Disposition: form-data; name=\"b\"", "", "w", end()));

        assertThat(parsed.error()).isEqualTo("Multipart parsing error: Multipart: Invalid boundary: "
                + delimiter() + "x");
        assertThat(parsed.arguments()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'--\"abc\"'  | Multipart: Invalid boundary (quotes).",
        "'-- abc'     | Multipart: Invalid boundary (whitespace)."})
    void evasiveBoundariesAreErrors(String line, String message) {
        ParsedBody parsed = read("multipart/form-data; boundary=\"abc\"",
                crlf("--abc", "Content-Disposition: form-data; name=a", "", "v", line, "--abc--"));

        assertThat(parsed.error()).isEqualTo("Multipart parsing error: " + message);
    }

    @Test
    void aHeaderLineLongerThanTheBufferIsAnError() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(),
                "Content-Disposition: form-data; name=\"" + "n".repeat(5000) + "\"", "", "v", end()));

        assertThat(parsed.error()).isEqualTo("Multipart parsing error: Multipart: Part header line over 4096 bytes long");
    }

    @Test
    void valuesKeepTheirBytesWhateverTheirLength() {
        String longValue = "x".repeat(4095) + "\r" + "-".repeat(9000) + delimiter();
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(), "Content-Disposition: form-data; name=\"long\"",
                "", longValue, "", end()));

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::value).containsExactly(longValue + "\r\n");
        assertThat(parsed.flags()).containsEntry("MULTIPART_UNMATCHED_BOUNDARY", "0");
    }

    @Test
    void fileNamesAndNamesAreReadAsModSecurityReadsThem() {
        ParsedBody parsed = read(CONTENT_TYPE, crlf(delimiter(),
                "Content-Disposition: form-data; name=\"up\"; filename=\"C:\\dir\\a \\\"b\\\".txt\";"
                        + " filename*=UTF-8''%C3%A9.txt",
                "",
                "content",
                delimiter(),
                "Content-Disposition: form-data; name=\"empty\"; filename=\"\"",
                "Content-Type: application/octet-stream",
                "",
                "",
                end()));

        assertThat(parsed.error()).isNull();
        assertThat(parsed.files()).containsExactly(new UploadedFile("up", "C:\\dir\\a \"b\".txt", 7, "content"));
        assertThat(parsed.arguments()).extracting(Field::name, Field::value).containsExactly(tuple("empty", ""));
        assertThat(parsed.collectionValues()).extracting(Field::value)
                .containsExactly("up", "C:\\dir\\a \"b\".txt", "empty", "");
    }

    @Test
    void hostileBodiesAreReadInOnePass() {
        String longBoundary = "-".repeat(900) + "x";
        String dashes = "-".repeat(2_000_000);
        ParsedBody parsed = read("multipart/form-data; boundary=" + longBoundary,
                "--" + longBoundary + "\r\nContent-Disposition: form-data; name=a\r\n\r\n" + dashes + "\r\n--"
                        + longBoundary + "--\r\n");

        assertThat(parsed.error()).isNull();
        assertThat(parsed.arguments()).extracting(Field::value).containsExactly(dashes);

        List<String> headers = List.of("X-A: 1", " " + "y".repeat(100));
        ParsedBody folded = read(CONTENT_TYPE, crlf(delimiter(), String.join("\r\n", headers),
                String.join("\r\n", java.util.Collections.nCopies(100, " z")), "", "v", end()));
        assertThat(folded.error()).isEqualTo("Multipart parsing error: Multipart: Part missing Content-Disposition"
                + " header.");
        assertThat(folded.partHeaders()).isEmpty();
    }
}
