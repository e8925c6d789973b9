package ficus.acl.runtime;

import ficus.acl.spec.CodeTableRef;
import ficus.acl.spec.CodeTables;
import ficus.acl.translation.Change;
import ficus.acl.translation.Row;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captured code tables as a global store ({@code <schema.table>|<code>} → value), filled from the tables' raw topics
 * on every instance, so a translation can look codes up wherever its task runs.
 */
final class CodeTableStore {

    static final String STORE = "code-tables";
    private static final Logger LOG = LoggerFactory.getLogger(CodeTableStore.class);

    private CodeTableStore() {
    }

    static CodeTables lookup(ReadOnlyKeyValueStore<String, String> store) {
        return (table, code) -> Optional.ofNullable(store.get(table + "|" + code));
    }

    /** Keeps the store in step with one code table's changes (unreadable records are logged and skipped). */
    static final class Updater implements Processor<byte[], byte[], Void, Void> {
        private final CodeTableRef ref;
        private final DebeziumChangeParser parser = new DebeziumChangeParser();
        private KeyValueStore<String, String> store;

        Updater(CodeTableRef ref) {
            this.ref = ref;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.value() == null) {
                return;
            }
            try {
                Change change = parser.parse(record.value());
                Row row = change.current();
                String code = row.string(ref.codeColumn()).strip();
                if (change.after() == null) {
                    store.delete(ref.table() + "|" + code);
                } else {
                    store.put(ref.table() + "|" + code, change.after().string(ref.valueColumn()));
                }
            } catch (RuntimeException e) {
                LOG.warn("skipping an unreadable change of code table {}: {}", ref.table(), e.getMessage());
            }
        }
    }
}
