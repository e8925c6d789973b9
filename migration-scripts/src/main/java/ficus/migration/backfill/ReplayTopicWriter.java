package ficus.migration.backfill;

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
 * aggregate the part rows go first and the root row last, all keyed by the aggregate id: the layer keeps parts until
 * their root arrives, so a never-seen customer is registered by exactly one event that carries all its parts.
 *
 * <p>Values are rendered by one {@link ReadRecords.Renderer} per writer (a reused buffer and generator; constant
 * parts pre-rendered) and sent with producer batching (linger, 256 KiB batches, lz4) inside the chunk's transaction.
 *
 * <p>The transactional id is fixed per job instance and partition, so a restarted partition fences (aborts) what a
 * killed predecessor left open. A chunk whose transaction committed but whose restart point did not is published
 * again on restart: the layer finds the same state and emits nothing (see DESIGN.md, "Ordering traps").
 */
final class ReplayTopicWriter implements ItemStreamWriter<LegacyAggregate> {

    private final Map<String, Object> producerConfig;
    private final String topic;
    private final ReadRecords records;
    private final List<LegacyTable> tables;
    private final BackfillProgress progress;
    private final Clock clock;
    private final ReadRecords.Renderer renderer;
    private final ReadRecords.Renderer.Table[] rendered;
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
        this.rendered = tables.stream().map(t -> renderer.table(t.schema(), t.table(), t.columns()))
                .toArray(ReadRecords.Renderer.Table[]::new);
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @Override
    public void write(Chunk<? extends LegacyAggregate> chunk) {
        long now = clock.millis();
        LegacyTable root = tables.getFirst();
        int partCount = tables.size() - 1;
        long rows = 0;
        producer.beginTransaction();
        try {
            for (LegacyAggregate aggregate : chunk) {
                byte[] key = records.key(root.key(), aggregate.id());
                long lsn = aggregate.snapshotLsn();
                for (int p = 0; p < partCount; p++) {
                    ReadRecords.Renderer.Table part = rendered[p + 1];
                    for (Object[] row : aggregate.parts().get(p)) {
                        producer.send(new ProducerRecord<>(topic, key, renderer.value(part, row, lsn, now)));
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
