package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Folding: many spellings of one expression give one fingerprint. */
class SqlFolderTest {

    private static String folded(String input, char context) {
        return SqlFolder.fold(new SqlTokenizer(input, context, false), context).letters();
    }

    @ParameterizedTest(name = "{0} folds to {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1+2-3*4                    | 1",
        "a.b.c                      | n",
        "1,2,3                      | 1",
        "'a' 'b' 'c'                | s",
        "-(((1                      | 1",
        "1 = - - 1                  | 1=1",
        "1 or not 1=2               | 1&1=1",
        "1 /* x */ or /* y */ 1     | 1&1",
        "1 or 1 -- end              | 1&1c",
        "1 union all select 1       | 1UE1",
        "1 order by 1               | 1B1",
        "1 group by 1               | 1B1",
        "x waitfor delay '0:0:5'    | nEs",
        "1 not like 2               | 1=1",
        "1 in (1)                   | 1=(1)",
        "live in London             | nnn",
        "sleep(5)                   | f(1)",
        "sleep (5)                  | f(1)",
        "sleeping(5)                | n(1)",
        "1;;;select 1               | 1;E1",
        "1+or+1                     | 1&1",
        "@a:=1                      | v",
        "`select` from t            | nkn",
        "$$x' or 1=1$$              | s",
        "1 & 2 ^ 4 << 5 % 6 :: 7    | 1",
        "a b c d e f g h i j        | nnnnnnnn",
    })
    void foldsPlainInput(String input, String letters) {
        assertThat(folded(input, (char) 0)).isEqualTo(letters);
    }

    @ParameterizedTest(name = "{0} read inside quotes folds to {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x' or '1'='1    | s&s=s",
        "x'' or 1=1      | s",
        "x\\' or 1=1     | s",
        "x')) or ((1=1   | s)&(1=1",
        "O'Reilly        | sn",
    })
    void foldsInputReadInsideSingleQuotes(String input, String letters) {
        assertThat(folded(input, '\'')).isEqualTo(letters);
    }
}
