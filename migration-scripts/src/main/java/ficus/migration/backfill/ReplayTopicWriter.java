package ficus.migration.backfill;

import ficus.migration.legacy.LegacyTable;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Publishes each chunk's aggregates to the anti-corruption layer's replay topic as Debezium read records, in one Kafka
 * transaction per chunk (the layer reads committed records only, so a killed chunk is never half visible). Per
 * aggregate the referenced rows it is the first to point at go first, then its part rows, the root row last, all keyed
 * by the aggregate's root key: the layer keeps parts until their root arrives, so a never-seen aggregate is registered
 * by one event that carries all its parts (a referenced row reaches it through the layer's reference index once the
 * root row says it points at it).
 *
 * <p>Values are rendered by one {@link ReadRecords.Renderer} per writer (a reused buffer and generator; constant
 * parts pre-rendered) and sent with producer batching (linger, 256 KiB batches, lz4) inside the chunk's transaction.
 *
 * <p>The transactional id is fixed per job instance and partition, so a restarted partition fences (aborts) what a
 * killed predecessor left open. A chunk whose transaction committed but whose restart point did not is published
 * again on restart: the layer finds the same state and emits nothing (see DESIGN.md, "Ordering traps").
 */
final class ReplayTopicWriter implements ItemStreamWriter<LegacyAggregate> {

    /** Referenced rows first, then part rows (the root row after both). */
    private static final LegacyTable.Role[] ORDER = {LegacyTable.Role.REFERENCE, LegacyTable.Role.PART};

    private final Map<String, Object> producerConfig;
    private final String topic;
    private final ReadRecords records;
    private final List<LegacyTable> tables;
    private final BackfillProgress progress;
    private final Clock clock;
    private final ReadRecords.Renderer renderer;
    private final ReadRecords.Renderer.Table[] rendered;
    private final ReadRecords.Renderer.Table keyTable;
    private final int[] keyAt;
    private final Object[] keyValues;
    private KafkaProducer<byte[], byte[]> producer;

    ReplayTopicWriter(String bootstrapServers, Map<String, String> extra, String transactionalId, String topic,
            ReadRecords records, List<LegacyTable> tables, BackfillProgress progress, Clock clock) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producerConfig = config;
        this.topic = topic;
        this.records = records;
        this.tables = tables;
        this.progress = progress;
        this.clock = clock;
        this.renderer = records.renderer();
        // a referenced row is shared by many aggregates: re-stating it would re-state every one of them, so even a
        // re-drive sends it as an ordinary read (applied only if newer); the aggregate's own rows ask for re-statement
        this.rendered = tables.stream().map(t -> t.role() == LegacyTable.Role.REFERENCE
                        ? renderer.table(t.schema(), t.name(), t.columns(), ReadRecords.SNAPSHOT_MARKER)
                        : renderer.table(t.schema(), t.name(), t.columns()))
                .toArray(ReadRecords.Renderer.Table[]::new);
        LegacyTable root = tables.getFirst();
        this.keyTable = renderer.table(root.schema(), root.name(), root.key());
        this.keyAt = root.indexes(root.key());
        this.keyValues = new Object[keyAt.length];
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Override
    public void write(Chunk<? extends LegacyAggregate> chunk) {
        long now = clock.millis();
        int others = tables.size() - 1;
        long rows = 0;
        producer.beginTransaction();
        try {
            for (LegacyAggregate aggregate : chunk) {
                for (int k = 0; k < keyAt.length; k++) {
                    keyValues[k] = aggregate.root()[keyAt[k]];
                }
                byte[] key = renderer.key(keyTable, keyValues);
                long lsn = aggregate.snapshotLsn();
                for (LegacyTable.Role role : ORDER) {
                    for (int p = 0; p < others; p++) {
                        if (tables.get(p + 1).role() != role) {
                            continue;
                        }
                        ReadRecords.Renderer.Table part = rendered[p + 1];
                        for (Object[] row : aggregate.others().get(p)) {
                            producer.send(new ProducerRecord<>(topic, key, renderer.value(part, row, lsn, now)));
                        }
                    }
                }
                producer.send(new ProducerRecord<>(topic, key, renderer.value(rendered[0], aggregate.root(), lsn,
                        now)));
                rows += aggregate.rowCount();
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
        progress.committed(chunk.size(), rows);
    }

    @Override
    public void close() throws ItemStreamException {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
