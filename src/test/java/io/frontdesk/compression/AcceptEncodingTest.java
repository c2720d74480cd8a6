package io.frontdesk.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

/** Accept-Encoding as RFC 9110 section 12.5.3 writes it, reduced to the codings Frontdesk applies. */
class AcceptEncodingTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | ''",
        "'' | ''",
        "identity | ''",
        "gzip | gzip",
        "GZip | gzip",
        "x-gzip | gzip",
        "'gzip, deflate, br, zstd' | br,gzip",
        "'deflate, gzip, br, zstd' | br,gzip",
        "'gzip;q=1.0, br;q=0.5' | gzip,br",
        "'br;q=0.8, gzip;q=0.9' | gzip,br",
        "'br ; q=0.5 , gzip ; Q=0.6' | gzip,br",
        "'gzip;q=0' | ''",
        "'gzip;q=0.000, br' | br",
        "'gzip;q=0.001' | gzip",
        "* | br,gzip",
        "'*;q=0' | ''",
        "'gzip;q=0, *' | br",
        "'br;q=0.2, *;q=0.5' | gzip,br",
        "'gzip;q=2' | ''",
        "'gzip;q=0.5.5' | ''",
        "'gzip;q=1.001' | ''",
        "'gzip;q=' | ''",
        "'gzip;level=9' | gzip",
        "',,gzip,,' | gzip",
        "'identity;q=0, gzip' | gzip"})
    void variantKeys(String field, String expected) {
        assertThat(AcceptEncoding.key(field == null ? null : List.of(field))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' offered {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "'gzip, br' | GZIP | GZIP",
        "br | GZIP | NULL",
        "'br, gzip;q=0.1' | GZIP | GZIP",
        "'gzip;q=0.5, br' | BR | BR"})
    void theFirstAcceptedCodingThatIsOffered(String field, Coding offered, Coding expected) {
        assertThat(AcceptEncoding.choose(List.of(field), List.of(offered))).isEqualTo(expected);
    }

    @Test
    void severalFieldLinesAreOneList() {
        assertThat(AcceptEncoding.key(List.of("gzip;q=0.5", "br;q=0.4"))).isEqualTo("gzip,br");
    }

    @Test
    void aRequestThatForbidsTransformationHasAVariantOfItsOwn() {
        HttpHeaders request = new HttpHeaders();
        request.add(HttpHeaders.ACCEPT_ENCODING, "gzip");
        assertThat(AcceptEncoding.variantKey(request)).isEqualTo("gzip");
        request.add(HttpHeaders.CACHE_CONTROL, "max-age=0, No-Transform");
        assertThat(AcceptEncoding.variantKey(request)).isEqualTo("gzip+no-transform");
    }
}
