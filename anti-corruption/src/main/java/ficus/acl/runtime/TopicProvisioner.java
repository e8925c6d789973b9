package ficus.acl.runtime;

import ficus.core.FicusException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the layer's topics exist before the stream starts. The domain and dead letter topics are the layer's:
 * created with as many partitions as the raw topic, broker-default replication. The raw topic belongs to the capture
 * (Debezium creates it on its first record); if the layer starts first it creates it with the broker's default
 * partition count, as Debezium's first record would, so the stream does not fail on a missing source topic.
 */
final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicProvisioner() {
    }

    static int ensureTopics(AclSettings settings) {
        return ensureTopics(settings, settings.topics());
    }

    /**
     * Source topics the capture has not created yet (root, parts, code tables) are created with the broker's default
     * partition count, as Debezium's first record would; the domain, dead letter and replay topics get as many
     * partitions as the root's raw topic (the replay topic so that a replayed record lands on the partition number
     * its raw record had, next to its part owner).
     *
     * @return the root raw topic's partition count
     */
    static int ensureTopics(AclSettings settings, AclTopics topics) {
        Properties props = new Properties();
        props.putAll(settings.extraProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> sources = new ArrayList<>();
            List<String> sourceNames = new ArrayList<>(List.of(settings.rawTopic()));
            sourceNames.addAll(topics.parts());
            sourceNames.addAll(topics.codeTables().values());
            for (String source : sourceNames) {
                if (!existing.contains(source)) {
                    // as Debezium's first record would: the broker's default partition count
                    sources.add(new NewTopic(source, Optional.empty(), Optional.empty()));
                }
            }
            if (!sources.isEmpty()) {
                create(admin, settings, sources);
            }
            int partitions = partitions(admin, settings.rawTopic());
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics.own()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                }
            }
            if (!missing.isEmpty()) {
                LOG.info("creating topics {} with {} partition(s), as many as {}",
                        missing.stream().map(NewTopic::name).toList(), partitions, settings.rawTopic());
                create(admin, settings, missing);
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.OperationFailed("interrupted while creating topics on "
                    + settings.bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new FicusException.Unavailable("cannot reach Kafka at " + settings.bootstrapServers()
                    + " to check the topics " + settings.rawTopic() + ", " + settings.domainTopic() + ", "
                    + settings.deadLetterTopic() + ": " + e, e);
        }
    }

    /**
     * The topic's partition count. A topic created a moment ago (by this layer or by Debezium's first record) may not
     * be in the broker's metadata yet, which it answers with {@code UnknownTopicOrPartitionException}: asked again
     * until {@link #TIMEOUT_SECONDS} have passed.
     */
    private static int partitions(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(topic).partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("topic {} not in the broker's metadata yet, asking again", topic);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void create(Admin admin, AclSettings settings, List<NewTopic> topics)
            throws InterruptedException, TimeoutException {
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created
                : admin.createTopics(topics).values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new FicusException.OperationFailed("cannot create topic " + created.getKey() + " on "
                            + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }
}
