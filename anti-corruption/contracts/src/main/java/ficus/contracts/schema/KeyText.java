package ficus.contracts.schema;

import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.TranslationSpec;
import java.util.List;
import java.util.StringJoiner;

/**
 * The text of an aggregate key, as the runtime writes it into the Kafka key and {@code ce_subject}
 * ({@code AggregateKey.text}): one key value as its text ({@code 1000001}); several joined by the spec's
 * {@code keySeparator} ({@code 7:1042}), with {@code %} and the separator's characters inside a value percent-encoded.
 */
public final class KeyText {

    private KeyText() {
    }

    /** A pattern every key text of {@code spec} matches, or {@code null} when any text is possible. */
    public static String pattern(TranslationSpec spec) {
        List<FieldSpec> key = spec.keyFields();
        if (key.size() == 1) {
            String value = valuePattern(key.get(0));
            return value == null ? null : "^" + value + "$";
        }
        String separator = spec.keySeparator();
        StringJoiner joined = new StringJoiner(literal(separator), "^", "$");
        for (FieldSpec field : key) {
            String value = valuePattern(field);
            joined.add(value != null && disjoint(alphabet(field.type()), separator + "%") ? value
                    : escapedText(separator));
        }
        return joined.toString();
    }

    /** {@code <field>:<field>} — how the key is composed, for descriptions. */
    public static String shape(TranslationSpec spec) {
        StringJoiner shape = new StringJoiner(spec.keySeparator());
        spec.keyFields().forEach(f -> shape.add("<" + f.field() + ">"));
        return shape.toString();
    }

    /** The unanchored pattern of one key value's text, or {@code null} for any text. */
    private static String valuePattern(FieldSpec field) {
        if (field.array()) {
            return null;
        }
        return switch (field.type()) {
            case LONG -> "-?[0-9]+";
            case DECIMAL -> "-?[0-9]+(?:\\.[0-9]+)?";
            case UUID -> "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
            default -> null;
        };
    }

    /** The characters a value pattern of {@code type} can match. */
    private static String alphabet(FieldType type) {
        return switch (type) {
            case LONG -> "-0123456789";
            case DECIMAL -> "-.0123456789";
            case UUID -> "-0123456789abcdef";
            default -> "";
        };
    }

    private static boolean disjoint(String alphabet, String characters) {
        return characters.chars().noneMatch(c -> alphabet.indexOf(c) >= 0);
    }

    /** Any text with {@code %} and the separator's characters percent-encoded. */
    private static String escapedText(String separator) {
        StringBuilder excluded = new StringBuilder("%");
        separator.chars().distinct().forEach(c -> excluded.append(classLiteral((char) c)));
        return "(?:[^" + excluded + "]|%[0-9A-F]{2})*";
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append("\\^$.|?*+()[]{}/".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
        }
        return out.toString();
    }

    private static String classLiteral(char c) {
        return "\\^-[]".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
    }
}
