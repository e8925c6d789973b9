package ficus.acl.runtime;

import static ficus.acl.runtime.RawChanges.create;
import static ficus.acl.runtime.RawChanges.cust;
import static ficus.acl.runtime.RawChanges.key;
import static ficus.acl.runtime.RawChanges.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ficus.acl.translation.SourcePosition;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;
import ficus.samples.crm.CrmSample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two layer instances with one application id share the raw topic's partitions; the one in a child JVM is killed hard
 * (SIGKILL) mid-stream; the other takes its partitions over, and the domain topic, read with read_committed, holds
 * every expected event exactly once (counted by {@code ce_id}).
 */
@ExtendWith(SandboxExtension.class)
class AclFailoverIT {

    private static final int PARTITIONS = 4;
    private static final int CUSTOMERS = 40;
    private static final String[] STATUSES = {"P", "A", "S", "A", "X"};

    @TempDir
    Path work;

    static AclSettings settings(String bootstrap, String applicationId, Path stateDir, String raw, String domain,
            String deadLetter) {
        return AclSettings.of(bootstrap, stateDir, CrmSample.CUSTOMER_SPEC, CrmSample.CAPTURE_SOURCE)
                .withApplicationId(applicationId)
                .withTopics(raw, domain, deadLetter)
                .withProperty(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000")
                .withProperty(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
    }

    @Test
    void shouldPublishEveryEventExactlyOnceWhenOneOfTwoInstancesIsKilledHard(Sandbox sandbox) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String raw = "failover" + run + ".crm.cust";
        String domain = "failover" + run + ".customer.v1";
        String dlq = "failover" + run + ".dlq.customer";
        String appId = "acl-failover-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(raw, PARTITIONS, (short) 1))).all().get();
        }
        AclSettings local = settings(sandbox.bootstrapServers(), appId, work.resolve("local"), raw, domain, dlq);

        List<ProducerRecord<byte[], byte[]>> changes = new ArrayList<>();
        Set<String> expectedIds = new HashSet<>();
        for (int step = 0; step < STATUSES.length; step++) {
            for (long id = 1; id <= CUSTOMERS; id++) {
                long commitLsn = 0x1000L * (step + 1) + id * 8;
                long lsn = commitLsn + 4;
                byte[] value = step == 0 ? create(cust(id, STATUSES[0]), commitLsn, lsn)
                        : update(cust(id, STATUSES[step - 1]), cust(id, STATUSES[step]), commitLsn, lsn);
                changes.add(new ProducerRecord<>(raw, key(id), value));
                String type = step == 0 ? "CustomerRegistered"
                        : STATUSES[step].equals("X") ? "CustomerClosed" : "CustomerStatusChanged";
                expectedIds.add(RawChanges.eventId(SourcePosition.streamed(commitLsn, lsn), id, type));
            }
        }

        Process child = null;
        try (AntiCorruptionLayer acl = AntiCorruptionLayer.start(local);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            acl.awaitRunning(Duration.ofSeconds(90));
            child = startChild(sandbox.bootstrapServers(), appId, work.resolve("child"), raw, domain, dlq);
            AtomicBoolean childRunning = new AtomicBoolean();
            watch(child, childRunning);
            await().atMost(Duration.ofSeconds(120)).untilTrue(childRunning);
            await().atMost(Duration.ofSeconds(60)).until(() -> groupInstances(sandbox, appId) == 2);

            // one record at a time (acknowledged), so both instances are busy when the child is killed
            int third = changes.size() / 3;
            for (ProducerRecord<byte[], byte[]> change : changes.subList(0, third)) {
                producer.send(change).get();
            }
            child.destroyForcibly().waitFor();
            for (ProducerRecord<byte[], byte[]> change : changes.subList(third, changes.size())) {
                producer.send(change).get();
            }

            Map<String, Integer> countById = new HashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(sandbox)) {
                List<TopicPartition> partitions = consumer.partitionsFor(domain).stream()
                        .map(p -> new TopicPartition(domain, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        countById.merge(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID), 1,
                                Integer::sum);
                    }
                    return countById.keySet().containsAll(expectedIds);
                });
                // anything still in flight (an aborted transaction's retry) shows up within a few more polls
                long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        countById.merge(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID), 1,
                                Integer::sum);
                    }
                    return System.nanoTime() > quietUntil;
                });
            }
            assertThat(countById.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(countById.values()).as("events per ce_id").containsOnly(1);
            assertThat(acl.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private static Process startChild(String bootstrap, String appId, Path stateDir, String raw, String domain,
            String dlq) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AclChildMain.class.getName(), bootstrap, appId, stateDir.toString(), raw, domain, dlq);
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static void watch(Process child, AtomicBoolean running) {
        Thread.ofPlatform().daemon(true).name("acl-child-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains("ACL-CHILD-RUNNING")) {
                        running.set(true);
                    }
                    if (line.contains("ERROR") || line.contains("Exception")) {
                        System.err.println("[acl child] " + line);
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        });
    }

    /**
     * Layer instances in the group: members are stream threads (an instance runs one per partition it may get, up to
     * its cores), whose client ids are {@code <application id>-<process id>-StreamThread-<n>-consumer}.
     */
    private static long groupInstances(Sandbox sandbox, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sandbox.bootstrapServers()))) {
            return Optional.ofNullable(admin.describeConsumerGroups(List.of(group)).all().get().get(group))
                    .map(d -> d.members().stream()
                            .map(m -> m.clientId().replaceFirst("-StreamThread-\\d+-consumer$", ""))
                            .distinct().count())
                    .orElse(0L);
        }
    }

    private static KafkaConsumer<byte[], byte[]> readCommitted(Sandbox sandbox) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
