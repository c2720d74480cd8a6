package io.frontdesk.waf.detect;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What SQL makes of a word, or of a two-character operator: the vocabulary of MySQL, PostgreSQL,
 * SQL Server, Oracle and others that the tokenizer types its words by, with the phrases that two or
 * more words in a row fold into ({@code UNION ALL}, {@code ORDER BY}, {@code NOT LIKE}). The types
 * are those libinjection gives, so that fingerprints agree with its. Words compare in any ASCII
 * case, without allocating: the table is sorted and searched by bisection.
 */
final class SqlWords {

    private static final SortedMap<String, SqlTokenType> VOCABULARY = new TreeMap<>();

    static {
        words(SqlTokenType.KEYWORD, """
                abort, accessible, against, all_users, alter, alter domain, alter table, analyze, as, asc,
                asensitive, at time zone, autoincrement, before, blob, both, cascade, change, column, condition,
                constraint, continue, count_big, cross join, cursor, databases, day_hour, day_microsecond,
                day_minute, day_second, dec, default, delay, delayed, desc, describe, deterministic, distinct,
                distinctrow, each, else, elseif, enclosed, escaped, exit, explain, fetch, for update,
                for update nowait, for update of, for update skip, for update skip locked, for update wait, force,
                foreign, from, full join, full outer, full outer join, fulltext, function, grant, high_priority,
                hour_microsecond, hour_minute, hour_second, ignore, in, in boolean mode, index, infile, inner,
                inner join, inout, insensitive, interval, into, into dumpfile, into outfile, iterate, join, keys,
                kill, leading, leave, left join, left outer, left outer join, linear, lines, load,
                lock in share mode, lock table, lock tables, longblob, longtext, loop, low_priority, master_bind,
                master_ssl_verify_server_cert, match, maxvalue, mediumblob, mediumint, mediumtext, merge, middleint,
                minute_microsecond, minute_second, modifies, natural full, natural full outer join, natural inner,
                natural join, natural left, natural left outer, natural left outer join, natural outer,
                natural right, natural right outer join, next value for, no_write_to_binlog, not in, notnull,
                nowait, offset, one_shot, open, optimize, option, optionally, outfile, own3d, partition, precision,
                previous value for, primary, procedure, purge, range, read, read write, read_write, reads,
                references, release, rename, repeat, replace, require, resignal, restrict, return, revoke,
                right join, right outer, right outer join, schema, schemas, second_microsecond, sensitive,
                separator, signal, similar, spatial, specific, sql, sql_big_result, sql_buffer_result, sql_cache,
                sql_calc_found_rows, sql_no_cache, sql_small_result, sqlexception, sqlstate, sqlwarning, ssl,
                starting, straight_join, syscolumns, sysobjects, sysusers, terminated, then, time, tinyblob,
                tinyint, tinytext, top, trigger, undo, unlock, unsigned, usage, utc_date, utc_time, utc_timestamp,
                values, varbinary, varcharacter, varying, wait, when, where, with rollup, xp_execresultset,
                year_month, zerofill
                """);
        words(SqlTokenType.UNION, """
                except, intersect, intersect all, uni_on, union, union all, union all distinct, union distinct,
                union distinct all
                """);
        words(SqlTokenType.GROUP, """
                group by, having, limit, order by, own3d by, partition by
                """);
        words(SqlTokenType.EXPRESSION, """
                case, create, execute as, execute as login, insert, insert delayed, insert high_priority,
                insert ignore, insert low_priority, raiseerror, select, select all, select distinct, set, update,
                waitfor delay, waitfor receive, waitfor time
                """);
        words(SqlTokenType.TSQL, """
                begin, begin declare, begin goto, begin try, begin try declare, call, create or replace, declare,
                delete, drop, exec, execute, go, goto, handler, insert delayed into, insert high_priority into,
                insert ignore into, insert into, insert low_priority into, load data, load xml, print, shutdown,
                try, use, while
                """);
        words(SqlTokenType.SQL_TYPE, """
                _armscii8, _ascii, _big5, _binary, _cp1250, _cp1251, _cp1257, _cp850, _cp852, _cp866, _cp932, _dec8,
                _eucjpms, _euckr, _gb2312, _gbk, _geostd8, _greek, _hebrew, _hp8, _keybcs2, _koi8r, _koi8u, _latin1,
                _latin2, _latin5, _latin7, _macce, _macroman, _sjis, _swe7, _tis620, _ujis, _usc2, _utf8, anyarray,
                anyelement, anynonarry, bigint, bigserial, binary, boolean, bytea, character, character varying,
                cstring, decimal, double, double precision, float, float4, float8, int, int1, int2, int3, int4,
                int8, integer, money, numeric, oid, real, regclass, regconfig, regdictionary, regoper, regoperator,
                regproc, regprocedure, regtype, serial, serial2, serial4, serial8, smallint, smallserial, text,
                timestamp, varchar, void
                """);
        words(SqlTokenType.FUNCTION, """
                abs, acos, adddate, addtime, aes_decrypt, aes_encrypt, age, any, app_name, applock_mode,
                applock_test, array_agg, array_cat, array_dim, array_fill, array_length, array_lower, array_ndims,
                array_prepend, array_to_json, array_to_string, array_upper, ascii, asin, assemblyproperty,
                asymkey_id, atan, atan2, avg, benchmark, bin, binbinary, bit_and, bit_count, bit_length, bit_or,
                bit_xor, bool_and, bool_or, btrim, cast, cbool, cbrt, cbyte, ccur, cdate, cdbl, ceil, ceiling,
                cert_id, cert_property, certencoded, certprivatekey, changes, char, char_length, character_length,
                charindex, charset, chdir, chdrive, checksum_agg, choose, chr, cint, clng, clock_timestamp,
                coalesce, coercibility, col_length, col_name, collation, collationproperty, columnproperty,
                columns_updated, compress, concat, concat_ws, connection_id, conv, convert, convert_from,
                convert_to, convert_tz, cos, cot, count, crc32, csng, ctxsys.drithsx.sn, cume_dist, curdate, curdir,
                current_database, current_query, current_schema, current_schemas, current_setting, currentuser,
                currval, cursor_status, curtime, cvar, database_principal_id, databasepropertyex, datalength, date,
                date_add, date_format, date_part, date_sub, date_trunc, dateadd, datediff, datefromparts, datename,
                datepart, dateserial, datetime2fromparts, datetimefromparts, datetimeoffsetfromparts, datevalue,
                davg, day, dayname, dayofmonth, dayofweek, dayofyear, db_id, db_name, dbms_lock.sleep,
                dbms_pipe.receive_message, dbms_utility.sqlid_to_sqlhash, dcount, decode, decryptbyasmkey,
                decryptbycert, decryptbykey, decryptbykeyautocert, decryptbypassphrase, degrees, dense_rank,
                des_decrypt, des_encrypt, dfirst, difference, dlast, dlookup, dmax, dmin, dsum, elt, encode,
                encrypt, encryptbyasmkey, encryptbycert, encryptbykey, encryptbypassphrase, enum_first, enum_last,
                enum_range, eomonth, eventdata, exists, exp, export_set, extract, extract_value, extractvalue,
                field, file_id, file_idex, file_name, filedatetime, filegroup_id, filegroup_name, filegroupproperty,
                filelen, fileproperty, filetoblob, filetoclob, find_in_set, first_value, floor, fn_virtualfilestats,
                format, found_rows, from_base64, from_days, from_unixtime, fulltextcatalogproperty,
                fulltextserviceproperty, generate_series, generate_subscripts, get_bit, get_byte, get_format,
                get_lock, getattr, getdate, getutcdate, greatest, group_concat, grouping, grouping_id,
                has_perms_by_name, hashbytes, hex, host_name, hour, ident_current, ident_incr, ident_seed, identify,
                if, if exists, if not, if not exists, iff, ifnull, iif, index_col, indexkey_property, indexproperty,
                inet_aton, inet_ntoa, initcap, instr, instrrev, is_free_lock, is_member, is_objectsigned,
                is_rolemember, is_srvrolemember, is_used_lock, isdate, isempty, isfinite, isnull, isnumeric,
                json_keys, julianday, justify_days, justify_hours, justify_interval, key_guid, key_id, lag,
                last_insert_id, last_insert_rowid, last_value, lastval, lcase, lead, least, left, length, ln,
                load_extension, load_file, locate, log, log10, log2, lower, lower_inc, lower_inf, lpad, ltrim,
                make_set, makedate, masklen, master_pos_wait, max, md5, microsecond, mid, min, minute, mkdir, month,
                monthname, name_const, netmask, nextval, now, nth_value, ntile, nullif, nz, object_definition,
                object_id, object_name, object_schema_name, objectproperty, objectpropertyex, oct, octet_length,
                old_password, opendatasource, openquery, openrowset, openxml, ord, original_db_name, original_login,
                overlaps, overlay, parsename, pathindex, patindex, percent_rank, percentile_count, percentile_disc,
                percentile_rank, period_add, period_diff, permissions, pg_advisory_lock, pg_backend_pid,
                pg_cancel_backend, pg_client_encoding, pg_conf_load_time, pg_create_restore_point, pg_has_role,
                pg_is_in_recovery, pg_is_other_temp_schema, pg_listening_channels, pg_ls_dir, pg_my_temp_schema,
                pg_postmaster_start_time, pg_read_binary_file, pg_read_file, pg_reload_conf, pg_rotate_logfile,
                pg_sleep, pg_start_backup, pg_stat_file, pg_stop_backup, pg_switch_xlog, pg_terminate_backend,
                pg_trigger_depth, pi, position, pow, power, procedure analyse, publishingservername, pwdcompare,
                pwdencrypt, quarter, quote, quote_ident, quote_literal, quote_nullable, quotename, radians, rand,
                random, randomblob, rank, regexp_instr, regexp_matches, regexp_replace, regexp_split_to_array,
                regexp_split_to_table, regexp_substr, release_lock, replicate, reverse, round, row, row_count,
                row_number, row_to_json, rpad, rtrim, schama_name, schema_id, scope_identity, sec_to_time,
                serverproperty, session_user, set_bit, set_byte, set_config, set_masklen, setattr, setseed, setval,
                sha, sha1, sha2, sign, signbyasmkey, signbycert, sin, sleep, smalldatetimefromparts, some, soundex,
                space, split_part, sql_variant_property, sqlite_version, sqrt, statement_timestamp, stats_date,
                stddev, stddev_pop, stddev_samp, str_to_date, strcmp, strcomp, strconv, string_agg, string_to_array,
                strpos, stuff, subdate, substr, substring, substring_index, subtime, sum, suser_id, suser_name,
                suser_sid, suser_sname, switchoffet, sys.fn_builtin_permissions, sys.fn_get_audit_file,
                sys.fn_my_permissions, sys.stragg, sysdate, sysdatetime, sysdatetimeoffset, system_user,
                sysutcdatetme, tan, tertiary_weights, textpos, textptr, textvalid, time_format, time_to_sec,
                timediff, timefromparts, timeofday, timeserial, timestampadd, timevalue, to_ascii, to_base64,
                to_char, to_date, to_days, to_hex, to_number, to_seconds, to_timestamp, todatetimeoffset, total,
                total_changes, transaction_timestamp, translate, trigger_nestlevel, trim, trunc, truncate, try_cast,
                try_convert, try_parse, type_id, type_name, typeof, typeproperty, ucase, uncompress,
                uncompress_length, unhex, unicode, unix_timestamp, unnest, updatexml, upper, upper_inc, upper_inf,
                user_lock.sleep, using, utl_http.request, utl_inaddr.get_host_address, utl_inaddr.get_host_name,
                uuid, uuid_short, var, var_pop, var_samp, variance, varp, verifysignedbyasmkey, verifysignedbycert,
                version, week, weekday, weekdayname, weekofyear, width_bucket, xml_is_well_formed, xmlagg,
                xmlcomment, xmlconcat, xmlelement, xmlexists, xmlforest, xmlformat, xmlpi, xmlroot, xmltype, xpath,
                xpath_exists, year, yearweek, zeroblob
                """);
        words(SqlTokenType.BAREWORD, """
                at time, by, check, create or, cross, database, do, dual, for, group, in boolean, is distinct,
                is not distinct, lock, lock in, lock in share, mode, natural, next value, order, out, outer,
                password, previous value, right, show, sys.database_name, table, trailing, unique, user, user_id,
                user_name, waitfor, with
                """);
        words(SqlTokenType.NUMBER, """
                binary_double_infinity, binary_double_nan, binary_float_infinity, binary_float_nan, false, true
                """);
        words(SqlTokenType.VARIABLE, """
                current date, current degree, current function, current function path, current path, current schema,
                current server, current time, current timezone, current_date, current_path, current_server,
                current_time, current_timestamp, current_timezone, current_user, localtime, localtimestamp, null,
                unknown
                """);
        words(SqlTokenType.OPERATOR, """
                !!, !<, !=, !>, %=, &=, *=, +=, -=, /=, ::, :=, <<, <=, <>, <@, >=, >>, @>, ^=, between, div, eqv,
                is, is distinct from, is not, is not distinct from, like, mod, not, not between, not like,
                not regexp, not rlike, not similar, not similar to, regexp, rlike, similar to, sounds, sounds like,
                uescape, |/, |=, ~*
                """);
        words(SqlTokenType.LOGIC_OPERATOR, """
                &&, and, or, xor, ||
                """);
        words(SqlTokenType.COLLATE, """
                collate
                """);
    }

    private static final String[] SORTED_WORDS = VOCABULARY.keySet().toArray(String[]::new);
    private static final SqlTokenType[] SORTED_TYPES = VOCABULARY.values().toArray(SqlTokenType[]::new);

    private SqlWords() {
    }

    private static void words(SqlTokenType type, String list) {
        for (String word : list.split(",")) {
            if (VOCABULARY.put(word.strip().toUpperCase(Locale.ROOT), type) != null) {
                throw new IllegalStateException("listed twice: " + word.strip());
            }
        }
    }

    /** The type of the word spelled by the first {@code length} characters of {@code text}, or {@code null}. */
    static SqlTokenType typeOf(char[] text, int length) {
        int low = 0;
        int high = SORTED_WORDS.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(SORTED_WORDS[middle], text, length);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return SORTED_TYPES[middle];
            }
        }
        return null;
    }

    private static int compare(String word, char[] text, int length) {
        int common = Math.min(word.length(), length);
        for (int i = 0; i < common; i++) {
            int difference = word.charAt(i) - upperCase(text[i]);
            if (difference != 0) {
                return difference;
            }
        }
        return word.length() - length;
    }

    /** The ASCII upper case of {@code c}; other characters, bytes from 0x80 up among them, stay. */
    static char upperCase(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 0x20) : c;
    }
}
