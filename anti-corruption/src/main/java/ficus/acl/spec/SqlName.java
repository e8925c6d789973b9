package ficus.acl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL identifiers as a spec writes them: unquoted names fold to lower case ({@code Cust} is {@code cust}),
 * double-quoted ones are exact ({@code "VoyageNo"}, with {@code ""} for a quote inside). Debezium names tables and
 * columns by their exact names, so a spec's names are compared in that form; {@link #quote} writes one back for SQL.
 */
public final class SqlName {

    private SqlName() {
    }

    /** One identifier ({@code voyage_no}, {@code "LegNo"}) in its exact form, or empty when it is not one. */
    public static Optional<String> identifier(String text) {
        List<String> parts = parts(text);
        return parts != null && parts.size() == 1 ? Optional.of(parts.get(0)) : Optional.empty();
    }

    /** A qualified name {@code schema.table} ({@code fleet."Leg"}) as its two exact parts, or empty. */
    public static Optional<List<String>> qualified(String text) {
        List<String> parts = parts(text);
        return parts != null && parts.size() == 2 ? Optional.of(parts) : Optional.empty();
    }

    /** {@code name} quoted for SQL when it needs it (upper case, blanks, a leading digit, non-ASCII...). */
    public static String quote(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static List<String> parts(String text) {
        if (text == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i >= n) {
                return null;
            }
            StringBuilder part = new StringBuilder();
            if (text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
                if (!closed || part.isEmpty()) {
                    return null;
                }
                parts.add(part.toString());
            } else {
                int start = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '"') {
                    i++;
                }
                String bare = text.substring(start, i);
                if (!bare.matches("[\\p{L}_][\\p{L}\\p{N}_$]*")) {
                    return null;
                }
                parts.add(bare.toLowerCase(Locale.ROOT));
            }
            if (i == n) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }
}
