package ficus.acl.runtime;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import java.util.function.BiPredicate;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The package-private pieces of the ACL runtime that {@code ficus.bench.TranslationCostBenchmark} calls, exactly as the
 * runtime calls them. Lives in the bench module (a split package on the class path), so that the production classes
 * stay as closed as they are; nothing here adds behaviour.
 */
public final class BenchmarkAccess {

    private BenchmarkAccess() {
    }

    /** The parser {@link ChangeRouter} reads with ({@link ChangeRouter#parserFor}: unread columns stay undecoded). */
    public static DebeziumChangeParser routerParser(ficus.acl.spec.TranslationSpec spec) {
        return ChangeRouter.parserFor(spec);
    }

    /**
     * What {@link ChangeRouter} calls: {@code parser.parse(value, beforeNeeded)}, which leaves out the before image of
     * a change for which {@code beforeNeeded} says no (the router's predicate: not a root change).
     */
    public static Change parse(DebeziumChangeParser parser, byte[] value,
            BiPredicate<Operation, Origin> beforeNeeded) {
        return parser.parse(value, beforeNeeded);
    }

    /**
     * The router's check whether a root change is local: the placement of the root row (Debezium's key of it,
     * {@link AggregatePartitioner#placement}) and the partition it lands on among {@code partitions}.
     */
    public static ToIntFunction<Change> partitioner(List<String> rootKeyColumns, int partitions) {
        return change -> AggregatePartitioner.partition(AggregatePartitioner.placement(rootKeyColumns,
                change.current(), rootKeyColumns), partitions);
    }

    /** The aggregate store's value serializer ({@link AggregateSerde}: {@link BinaryCodec}). */
    public static Serializer<Aggregate> aggregateSerializer() {
        return new AggregateSerde().serializer();
    }

    /** The aggregate store's value deserializer ({@link AggregateSerde}: {@link BinaryCodec}). */
    public static Deserializer<Aggregate> aggregateDeserializer() {
        return new AggregateSerde().deserializer();
    }
}
