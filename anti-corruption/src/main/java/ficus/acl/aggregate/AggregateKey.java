package ficus.acl.aggregate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The key of one aggregate: the typed values of the root table's key columns, in key order, and its text — the event
 * key, the CloudEvents {@code subject} and the state-store key. One value: its text ({@code 1000001}); several: their
 * texts joined by the spec's separator ({@code 7:1042}), a separator or {@code %} inside a value percent-encoded.
 */
public record AggregateKey(List<Object> values, String text) {

    public AggregateKey {
        Objects.requireNonNull(text, "text");
        values = Collections.unmodifiableList(new ArrayList<>(values));
        if (values.isEmpty() || values.contains(null)) {
            throw new IllegalArgumentException("a key has at least one value and no null");
        }
    }

    public static AggregateKey of(List<?> values, String separator) {
        return new AggregateKey(new ArrayList<>(values), text(values, separator));
    }

    /** A one-value key. */
    public static AggregateKey of(Object value) {
        return of(List.of(value), ":");
    }

    /** The text of key values: one as is, several joined (each escaped). */
    public static String text(List<?> values, String separator) {
        if (values.size() == 1) {
            return valueText(values.get(0));
        }
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            if (!text.isEmpty()) {
                text.append(separator);
            }
            text.append(escape(valueText(value), separator));
        }
        return text.toString();
    }

    /** A key value as text: numbers in plain notation, everything else as its {@code toString}. */
    public static String valueText(Object value) {
        return switch (value) {
            case BigDecimal d -> d.toPlainString();
            case byte[] bytes -> java.util.Base64.getEncoder().encodeToString(bytes);
            default -> String.valueOf(value);
        };
    }

    private static String escape(String value, String separator) {
        if (value.indexOf('%') < 0 && !value.contains(separator)) {
            return value;
        }
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || separator.indexOf(c) >= 0) {
                escaped.append('%').append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Orders key texts value by value, whole numbers numerically ({@code 9} before {@code 10}). */
    public static int compareTexts(String a, String b, String separator) {
        if (!a.contains(separator) && !b.contains(separator)) {
            return compareValue(a, b); // one-value keys: no split
        }
        List<String> left = split(a, separator);
        List<String> right = split(b, separator);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = compareValue(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<String> split(String text, String separator) {
        List<String> parts = new ArrayList<>(4);
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int compareValue(String a, String b) {
        if (isWhole(a) && isWhole(b)) {
            int c = a.length() < 19 && b.length() < 19 ? Long.compare(Long.parseLong(a), Long.parseLong(b))
                    : new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    private static boolean isWhole(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return false;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
