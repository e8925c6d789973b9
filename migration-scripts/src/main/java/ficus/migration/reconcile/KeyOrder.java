package ficus.migration.reconcile;

import ficus.acl.aggregate.AggregateKey;
import ficus.acl.spec.FieldSpec;
import ficus.acl.spec.FieldType;
import ficus.acl.spec.SqlName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One order of aggregate keys that SQL and Java agree on, so that two databases' key-ordered cursors can be
 * merge-joined: numbers, dates and times in their natural order (the column as is: its index serves the sort), any
 * other key type (text, enum, uuid, ...) by its text in byte order ({@code col::text collate "C"} — a database's own
 * collation is not one Java could share). Values are the key fields' typed values ({@link AggregateKey#values()}).
 */
final class KeyOrder implements Comparator<AggregateKey> {

    private final List<FieldType> types;

    KeyOrder(List<FieldSpec> keyFields) {
        this.types = keyFields.stream().map(FieldSpec::type).toList();
    }

    private static boolean natural(FieldType type) {
        return switch (type) {
            case LONG, DECIMAL, DOUBLE, DATE, TIME, TIMESTAMP, INSTANT, BOOLEAN -> true;
            default -> false;
        };
    }

    /** The {@code order by} list over these columns (one per key field, in key order). */
    String orderBy(List<String> columns) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = SqlName.quote(columns.get(i));
            terms.add(natural(types.get(i)) ? column : column + "::text collate \"C\"");
        }
        return String.join(", ", terms);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compare(AggregateKey a, AggregateKey b) {
        for (int i = 0; i < types.size(); i++) {
            Object x = a.values().get(i);
            Object y = b.values().get(i);
            int c;
            if (natural(types.get(i)) && x instanceof Comparable cx && x.getClass() == y.getClass()) {
                c = cx.compareTo(y);
            } else {
                c = codePoints(AggregateKey.valueText(x), AggregateKey.valueText(y));
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Byte order of UTF-8 = code point order (not {@link String#compareTo}'s UTF-16 order). */
    static int codePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
