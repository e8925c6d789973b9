package ficus.cli.demo;

import ficus.core.FicusException;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads how far along the pipeline is from the broker: topic end offsets and consumer-group lag. */
final class PipelineLag implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;

    PipelineLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.CLIENT_ID_CONFIG, "ficus-demo-progress"));
    }

    /** Records written to these topics so far (the sum of their end offsets); missing topics count 0. */
    long endOffsetSum(Collection<String> topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records in these topics that the group has not committed yet. */
    long lag(String group, Collection<String> topics) {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<TopicPartition, OffsetAndMetadata> committed = get(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            try {
                get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            } catch (FicusException.Unavailable e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (request.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(admin.listOffsets(request).all());
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.Unavailable("interrupted while asking Kafka for offsets", e);
        } catch (ExecutionException e) {
            throw new FicusException.Unavailable("Kafka did not answer an offsets request: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new FicusException.Unavailable("Kafka did not answer an offsets request within "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
