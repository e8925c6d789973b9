package ficus.acl.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import ficus.acl.translation.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every change of one aggregate on the partition that Debezium's own records of the aggregate's root row land on,
 * so that the root table's raw topic and the repartition topic of the parts are co-partitioned and the root's changes
 * need no repartition at all.
 *
 * <p>Debezium's key of a root change is the row's primary key written by Kafka Connect's {@code JsonConverter} with
 * schemas disabled — compact JSON in key order, {@code {"id":1000001}}, {@code {"Line":"NORTH","VoyageNo":7}} — and
 * Kafka Connect's producer places it with Kafka's default partitioner: {@code toPositive(murmur2(keyBytes)) %
 * partitions}. The routing step writes that key (the <em>placement</em>) from the captured values of the root's key
 * columns, or of a part's link columns under the root's column names; this partitioner hashes it. A root change goes
 * straight to its translation only when it was read on the very partition its placement names; anything else
 * (another key format, a custom partitioner, a replayed dead letter) takes the repartition topic, which has the root
 * topic's partition count. So correctness never depends on how the capture partitions; only how much is repartitioned
 * does.
 */
final class AggregatePartitioner implements StreamPartitioner<String, ChangeEnvelope> {

    /**
     * The placement of an aggregate: {@code {"<rootKeyColumns[i]>": <the value of columns[i] in row>, ...}} as
     * JsonConverter writes it.
     */
    static byte[] placement(List<String> rootKeyColumns, Row row, List<String> columns) {
        if (rootKeyColumns.size() == 1 && row.value(columns.get(0)) instanceof Long id) {
            // the usual case, without a generator: {"<column>":<digits>}
            byte[] prefix = PREFIXES.computeIfAbsent(rootKeyColumns.get(0), AggregatePartitioner::prefix);
            byte[] digits = Long.toString(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] key = new byte[prefix.length + digits.length + 1];
            System.arraycopy(prefix, 0, key, 0, prefix.length);
            System.arraycopy(digits, 0, key, prefix.length, digits.length);
            key[key.length - 1] = '}';
            return key;
        }
        ByteArrayBuilder buffer = new ByteArrayBuilder(64);
        try (JsonGenerator json = JsonSupport.mapper().getFactory().createGenerator(buffer, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (int i = 0; i < rootKeyColumns.size(); i++) {
                json.writeFieldName(rootKeyColumns.get(i));
                Object value = row.value(columns.get(i));
                switch (value) {
                    case null -> json.writeNull();
                    case Long l -> json.writeNumber(l);
                    case BigInteger b -> json.writeNumber(b);
                    case BigDecimal d -> json.writeNumber(d);
                    case Boolean b -> json.writeBoolean(b);
                    default -> json.writeString(value.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code {"<column>":} as JsonConverter writes it (the column name escaped as JSON). */
    private static byte[] prefix(String column) {
        try {
            return ("{" + JsonSupport.mapper().writeValueAsString(column) + ":")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partition Kafka's default partitioner gives this placement among {@code partitions}. */
    static int partition(byte[] placement, int partitions) {
        return Utils.toPositive(Utils.murmur2(placement)) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ChangeEnvelope envelope, int numPartitions) {
        return Optional.of(Set.of(partition(envelope.placement(), numPartitions)));
    }
}
