package ficus.connectors.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL identifiers as PostgreSQL has them. A name in a plan is written as in SQL: unquoted it is folded to lower
 * case ({@code erp.OrderLine} is {@code erp.orderline}), double-quoted it is taken as it is ({@code erp."OrderLine"},
 * {@code "Sku"}, {@code "order"}, {@code "Größe"}; {@code ""} inside quotes is one {@code "}). Ficus keeps the name as
 * the catalog has it and quotes it again in every statement it writes ({@link #quote}), and escapes it in Debezium's
 * regex-valued lists ({@link #regex}).
 *
 * <p>Two characters are refused: {@code ,} and {@code ;} (and {@code :} in key columns), because Debezium's lists
 * ({@code table.include.list}, {@code message.key.columns}) use them as separators.
 */
public final class SqlIdentifier {

    /** PostgreSQL 17's keywords that are not "unreserved" ({@code pg_get_keywords() where catcode <> 'U'}). */
    private static final Set<String> KEYWORDS = Set.of(("all analyse analyze and any array as asc asymmetric"
            + " authorization between bigint binary bit boolean both case cast char character check coalesce collate"
            + " collation column concurrently constraint create cross current_catalog current_date current_role"
            + " current_schema current_time current_timestamp current_user dec decimal default deferrable desc"
            + " distinct do else end except exists extract false fetch float for foreign freeze from full grant"
            + " greatest group grouping having ilike in initially inner inout int integer intersect interval into is"
            + " isnull join json json_array json_arrayagg json_exists json_object json_objectagg json_query"
            + " json_scalar json_serialize json_table json_value lateral leading least left like limit localtime"
            + " localtimestamp merge_action national natural nchar none normalize not notnull null nullif numeric"
            + " offset on only or order out outer overlaps overlay placing position precision primary real"
            + " references returning right row select session_user setof similar smallint some substring symmetric"
            + " system_user table tablesample then time timestamp to trailing treat trim true union unique user using"
            + " values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement xmlexists"
            + " xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));
    private static final int MAX_BYTES = 63;

    private SqlIdentifier() {
    }

    /** The identifier as SQL: bare when PostgreSQL would read it back unchanged (lower-case, not a keyword), else quoted. */
    public static String quote(String name) {
        boolean plain = name.matches("[a-z_][a-z0-9_$]*") && !KEYWORDS.contains(name);
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table} as SQL, each part quoted when needed. */
    public static String quote(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** The name as a literal part of a Java/Debezium regular expression (every character that is not a letter,
     *  digit or {@code _} escaped). */
    public static String regex(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '_') {
                out.appendCodePoint(cp);
            } else if (cp < 128) {
                out.append('\\').appendCodePoint(cp);
            } else {
                out.append(String.format("\\x{%x}", cp));
            }
        });
        return out.toString();
    }

    /**
     * Splits a dotted SQL name into its identifiers (quotes removed, unquoted parts folded to lower case); empty when
     * the text is not a well-formed dotted name: an empty part, an unterminated quote, a bad character in an unquoted
     * part, a part longer than 63 bytes, or a character Debezium's lists cannot hold ({@code , ;}).
     */
    public static Optional<List<String>> parseDotted(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            part.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    part.append(c);
                    i++;
                }
                if (!closed || part.isEmpty()) {
                    return Optional.empty();
                }
            } else {
                int start = i;
                while (i < n && text.charAt(i) != '.') {
                    char c = text.charAt(i);
                    boolean ok = Character.isLetter(c) || c == '_' || (i > start && (Character.isDigit(c) || c == '$'));
                    if (!ok) {
                        return Optional.empty();
                    }
                    part.append(c);
                    i++;
                }
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                part = new StringBuilder(foldAscii(part.toString()));
            }
            String name = part.toString();
            if (name.indexOf(',') >= 0 || name.indexOf(';') >= 0
                    || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
                return Optional.empty();
            }
            parts.add(name);
            if (i == n) {
                return Optional.of(parts);
            }
            if (text.charAt(i) != '.') {
                return Optional.empty();
            }
            i++;
            if (i == n) {
                return Optional.empty();
            }
        }
    }

    /** Whether the name is one identifier as a plan or the catalog gives it (non-empty, at most 63 bytes, no , ;). */
    static boolean valid(String name) {
        return !name.isEmpty() && name.indexOf(',') < 0 && name.indexOf(';') < 0
                && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** PostgreSQL folds only ASCII letters of an unquoted identifier (UTF-8 databases). */
    private static String foldAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
