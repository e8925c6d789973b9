package ficus.sandbox.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), on 127.0.0.1 and free ports. Kafka's own
 * server classes, not a stand-in: formatted with the storage {@link Formatter}, then started as a
 * {@link KafkaRaftServer}, exactly as {@code kafka-storage format} and {@code kafka-server-start} do.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBroker start(Path logDir, int defaultPartitions) throws Exception {
        Files.createDirectories(logDir);
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        KafkaConfig config = new KafkaConfig(config(logDir, brokerPort, controllerPort, defaultPartitions), false);
        String clusterId = format(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        log.info("Kafka broker (KRaft, cluster {}) listening on {}", clusterId, bootstrap);
        return new KafkaBroker(server, bootstrap);
    }

    /**
     * The broker's settings: node 1, broker and controller in one, PLAINTEXT on 127.0.0.1, every internal topic with
     * one replica. Also what a broker in a process of its own runs with (the fault suite's).
     */
    public static Map<String, Object> config(Path logDir, int brokerPort, int controllerPort, int defaultPartitions) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(defaultPartitions));
        props.put("auto.create.topics.enable", "true");
        // one node: every internal topic has one replica
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("unstable.api.versions.enable", "false");
        return props;
    }

    /** Formats {@code logDir} for a new cluster, as {@code kafka-storage format} does; returns the cluster id. */
    public static String format(Path logDir) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(formatOutput, true, StandardCharsets.UTF_8))
                .setClusterId(clusterId)
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        log.debug("formatted {}: {}", logDir, formatOutput.toString(StandardCharsets.UTF_8).trim());
        return clusterId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
