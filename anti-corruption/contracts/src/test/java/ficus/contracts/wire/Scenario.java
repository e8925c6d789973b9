package ficus.contracts.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw changes in commit order, each at a greater LSN: what a legacy workload would make Debezium write. */
final class Scenario {

    private final String source;
    private final List<RawRecord> records = new ArrayList<>();
    private long lsn = 0x1000;

    Scenario(String source) {
        this.source = source;
    }

    /** A captured table: {@code schema.name} with its key columns. */
    Table table(String schema, String name, String... keyColumns) {
        return new Table(schema, name, List.of(keyColumns));
    }

    List<RawRecord> records() {
        return List.copyOf(records);
    }

    final class Table {
        private final String schema;
        private final String name;
        private final List<String> keyColumns;

        private Table(String schema, String name, List<String> keyColumns) {
            this.schema = schema;
            this.name = name;
            this.keyColumns = keyColumns;
        }

        Table insert(Map<String, Object> row) {
            return add("c", null, row);
        }

        Table update(Map<String, Object> before, Map<String, Object> after) {
            return add("u", before, after);
        }

        Table delete(Map<String, Object> before) {
            return add("d", before, null);
        }

        private Table add(String op, Map<String, Object> before, Map<String, Object> after) {
            lsn += 0x10;
            records.add(RawRecord.change(source, schema, name, keyColumns, op, before, after, lsn));
            return this;
        }
    }
}
