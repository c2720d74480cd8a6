package io.frontdesk.waf.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What SQL makes of a word. The lists hold the words the rules need to tell apart, across the
 * dialects attacks aim at (MySQL, PostgreSQL, SQL Server, Oracle, SQLite); any other word is a
 * bareword. Words are compared in lower case.
 */
final class SqlWords {

    private static final Map<String, SqlTokenType> TYPES = new HashMap<>();

    /** Two words read as one: {@code UNION ALL}, {@code ORDER BY}, ... */
    private static final Map<String, SqlTokenType> PAIRS = new HashMap<>();

    /**
     * Functions an attack calls to wait, to read files or the server's identity, to build strings
     * that dodge filters, to branch, or to raise errors that carry data: worth flagging even where
     * innocent text could hold a call.
     */
    private static final Set<String> ATTACK_FUNCTIONS = Set.of(
            "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "dbms_lock.sleep", "dbms_pipe.receive_message",
            "load_file", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "lo_import", "load_extension",
            "utl_inaddr.get_host_address", "utl_inaddr.get_host_name", "utl_http.request", "httpuritype",
            "ctxsys.drithsx.sn", "xp_cmdshell", "xp_dirtree", "xp_regread", "sp_executesql", "sp_oacreate",
            "openrowset", "opendatasource", "openquery", "extractvalue", "updatexml", "xmltype", "name_const",
            "gtid_subset", "json_keys", "exp", "geometrycollection", "multipoint", "polygon", "linestring",
            "version", "database", "schema", "user", "current_user", "system_user", "session_user", "db_name",
            "user_name", "suser_name", "suser_sname", "host_name", "is_srvrolemember", "sqlite_version",
            "char", "chr", "nchar", "concat", "concat_ws", "group_concat", "string_agg", "listagg", "substring",
            "substr", "mid", "ascii", "ord", "hex", "unhex", "if", "iif", "ifnull", "isnull", "nullif",
            "cast", "convert", "exists", "elt", "make_set", "randomblob", "sys_eval", "sys_exec");

    /** Functions common in SQL yet harmless alone, like the formulas innocent text may hold. */
    private static final Set<String> OTHER_FUNCTIONS = Set.of(
            "abs", "avg", "count", "max", "min", "sum", "round", "floor", "ceil", "ceiling", "length", "len",
            "char_length", "character_length", "octet_length", "bit_length", "lower", "upper", "lcase", "ucase",
            "trim", "ltrim", "rtrim", "replace", "reverse", "repeat", "replicate", "space", "left", "right",
            "lpad", "rpad", "instr", "locate", "position", "charindex", "patindex", "strcmp", "field", "stuff",
            "unicode", "soundex", "difference", "quote", "coalesce", "greatest", "least", "ln", "log", "log10",
            "pow", "power", "sqrt", "mod", "sign", "pi", "rand", "random", "sin", "cos", "tan", "cot", "atan",
            "degrees", "radians", "now", "curdate", "curtime", "sysdate", "getdate", "date", "year", "month",
            "day", "hour", "minute", "second", "datediff", "dateadd", "date_format", "from_unixtime",
            "unix_timestamp", "md5", "sha", "sha1", "sha2", "crc32", "password", "encrypt", "compress",
            "uncompress", "aes_encrypt", "aes_decrypt", "encode", "decode", "from_base64", "to_base64", "bin",
            "oct", "conv", "inet_aton", "inet_ntoa", "uuid", "row_count", "found_rows", "last_insert_id",
            "connection_id", "datalength", "str", "format", "to_char", "to_number", "to_date", "json_extract",
            "regexp_substr", "regexp_replace", "regexp_like", "typeof", "object_id", "col_name", "db_id",
            "has_dbaccess", "current_database", "current_schema", "insert");

    static {
        for (String word : new String[] {"select", "insert", "update", "delete", "replace", "drop", "create",
                "alter", "truncate", "rename", "grant", "revoke", "exec", "execute", "declare", "shutdown",
                "waitfor", "call", "do", "load", "set", "show", "handler", "kill", "merge", "describe", "explain",
                "dbcc", "backup", "restore", "reconfigure", "prepare", "deallocate", "lock", "unlock", "begin",
                "commit", "rollback", "savepoint", "copy", "pragma", "attach", "detach", "if", "while"}) {
            TYPES.put(word, SqlTokenType.STATEMENT);
        }
        for (String word : new String[] {"from", "into", "table", "tables", "database", "databases", "schemas",
                "procedure", "view", "index", "trigger", "where", "login", "outfile",
                "dumpfile", "infile", "information_schema"}) {
            TYPES.put(word, SqlTokenType.KEYWORD);
        }
        for (String word : new String[] {"and", "or", "xor"}) {
            TYPES.put(word, SqlTokenType.LOGIC);
        }
        for (String word : new String[] {"like", "ilike", "rlike", "regexp", "is", "between", "glob"}) {
            TYPES.put(word, SqlTokenType.COMPARISON);
        }
        for (String word : new String[] {"null", "true", "false"}) {
            TYPES.put(word, SqlTokenType.NUMBER);
        }
        TYPES.put("not", SqlTokenType.OPERATOR);
        TYPES.put("binary", SqlTokenType.OPERATOR);
        TYPES.put("div", SqlTokenType.OPERATOR);
        TYPES.put("union", SqlTokenType.UNION);
        TYPES.put("intersect", SqlTokenType.UNION);
        TYPES.put("having", SqlTokenType.CLAUSE);
        TYPES.put("limit", SqlTokenType.CLAUSE);

        PAIRS.put("union all", SqlTokenType.UNION);
        PAIRS.put("union distinct", SqlTokenType.UNION);
        PAIRS.put("order by", SqlTokenType.CLAUSE);
        PAIRS.put("group by", SqlTokenType.CLAUSE);
        PAIRS.put("waitfor delay", SqlTokenType.STATEMENT);
        PAIRS.put("waitfor time", SqlTokenType.STATEMENT);
        PAIRS.put("select all", SqlTokenType.STATEMENT);
        PAIRS.put("select distinct", SqlTokenType.STATEMENT);
        PAIRS.put("select top", SqlTokenType.STATEMENT);
        PAIRS.put("into outfile", SqlTokenType.KEYWORD);
        PAIRS.put("into dumpfile", SqlTokenType.KEYWORD);
        PAIRS.put("load data", SqlTokenType.STATEMENT);
        PAIRS.put("load xml", SqlTokenType.STATEMENT);
        PAIRS.put("procedure analyse", SqlTokenType.CLAUSE);
        PAIRS.put("sounds like", SqlTokenType.COMPARISON);
        PAIRS.put("similar to", SqlTokenType.COMPARISON);
        for (String comparison : new String[] {"like", "ilike", "rlike", "regexp", "between", "in", "similar"}) {
            PAIRS.put("not " + comparison, SqlTokenType.COMPARISON);
        }
    }

    private SqlWords() {
    }

    /** What a word is when no parenthesis follows it. */
    static SqlTokenType typeOf(String word) {
        return TYPES.getOrDefault(word, SqlTokenType.BAREWORD);
    }

    /** What two words in a row are when read as one, or {@code null}. */
    static SqlTokenType pairType(String pair) {
        return PAIRS.get(pair);
    }

    /** Whether the word is a function's name: it is a call when a parenthesis follows. */
    static boolean isFunction(String word) {
        return ATTACK_FUNCTIONS.contains(word) || OTHER_FUNCTIONS.contains(word);
    }

    static boolean isAttackFunction(String word) {
        return ATTACK_FUNCTIONS.contains(word);
    }

    /** {@code INTO OUTFILE} and {@code INTO DUMPFILE}: writing files from a query. */
    static boolean writesFile(SqlToken token) {
        return token.is(SqlTokenType.KEYWORD) && (token.text().equals("into outfile")
                || token.text().equals("into dumpfile"));
    }
}
