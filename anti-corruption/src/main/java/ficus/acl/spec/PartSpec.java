package ficus.acl.spec;

import java.util.List;
import java.util.Objects;

/**
 * A part of an aggregate kept in another legacy table, e.g. a customer's home address in {@code crm.cust_addr}.
 *
 * @param name         the aggregate field it becomes
 * @param rows         how its rows are read
 * @param aggregateKey the column holding the aggregate id (the root's key), e.g. {@code cust_id}
 * @param where        only rows whose {@code column} holds one of {@code in} belong to the part; {@code null}: all
 * @param collect      what the aggregate sees of the matching rows
 */
public record PartSpec(String name, TableSpec rows, String aggregateKey, Where where, Collect collect) {

    public PartSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(aggregateKey, "aggregateKey");
        Objects.requireNonNull(collect, "collect");
    }

    public record Where(String column, List<String> in) {
        public Where {
            Objects.requireNonNull(column, "column");
            in = List.copyOf(in);
        }
    }

    public enum Collect {
        /** At most one matching row (its fields, or null); if several match, the one with the greatest key. */
        ONE("one"),
        /** The number of matching rows. */
        COUNT("count");

        private final String code;

        Collect(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static java.util.Optional<Collect> forCode(String code) {
            for (Collect c : values()) {
                if (c.code.equals(code)) {
                    return java.util.Optional.of(c);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
