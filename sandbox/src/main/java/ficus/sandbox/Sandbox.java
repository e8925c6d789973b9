package ficus.sandbox;

import ficus.core.FicusException;
import ficus.sandbox.kafka.ConnectWorker;
import ficus.sandbox.kafka.KafkaBroker;
import ficus.sandbox.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default stack: PostgreSQL 17 with logical replication, a Kafka broker in KRaft mode and a Kafka Connect
 * worker (distributed mode) with the Debezium PostgreSQL connector, all on 127.0.0.1 with free ports and all data
 * under one work directory. Real servers, started in this JVM; {@link #close()} (also run on Ctrl-C through a shutdown
 * hook) stops them in reverse order.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    /** The database the sample legacy system lives in. */
    public static final String LEGACY_DATABASE = "legacy";
    /** The key in {@link #secretsFile()} that holds the legacy database password. */
    public static final String LEGACY_PASSWORD_KEY = "legacy.password";
    private static final String POSTGRES_DIR = "postgres";

    private final SandboxConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private PostgresServer postgres;
    private KafkaBroker broker;
    private ConnectWorker connect;
    private Path secretsFile;

    private Sandbox(SandboxConfig config) {
        this.config = config;
        this.shutdownHook = new Thread(this::closeQuietly, "ficus-sandbox-shutdown");
    }

    /** Starts the stack; on any failure, what was already started is stopped again before the error propagates. */
    public static Sandbox start(SandboxConfig config) {
        Sandbox sandbox = new Sandbox(config);
        Runtime.getRuntime().addShutdownHook(sandbox.shutdownHook);
        try {
            sandbox.startAll();
            return sandbox;
        } catch (Exception e) {
            sandbox.closeQuietly();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new FicusException.OperationFailed("the embedded stack did not start in " + config.workDir()
                    + ": " + root.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        Instant begin = Instant.now();
        Path work = config.workDir().toAbsolutePath();
        Files.createDirectories(work);
        // Every start is fresh: wipe what an earlier run left (Kafka logs, state of the ACL...). "postgres" stays: the
        // server start wipes its data itself, after stopping an orphan postmaster found there, and keeps the binaries.
        try (var earlier = Files.list(work)) {
            for (Path entry : earlier.toList()) {
                if (!entry.getFileName().toString().equals(POSTGRES_DIR)) {
                    deleteRecursively(entry);
                }
            }
        }
        secretsFile = work.resolve("secrets").resolve("secrets.properties");
        Files.createDirectories(secretsFile.getParent());
        Files.writeString(secretsFile, LEGACY_PASSWORD_KEY + "=" + PostgresServer.PASSWORD + "\n");

        postgres = PostgresServer.start(work.resolve(POSTGRES_DIR).resolve("data"));
        started.push(postgres);
        postgres.createDatabase(LEGACY_DATABASE);

        broker = KafkaBroker.start(work.resolve("kafka"), config.brokerPartitions());
        started.push(broker);

        connect = ConnectWorker.start(broker.bootstrapServers(), secretsFile);
        started.push(connect);
        awaitConnectReady(Duration.ofSeconds(90));
        log.info("sandbox up in {} ms: postgres 127.0.0.1:{}, kafka {}, connect {}",
                Duration.between(begin, Instant.now()).toMillis(), postgres.port(), broker.bootstrapServers(),
                connect.restUrl());
    }

    /** The worker answers REST before it has joined its group; wait until it lists the Debezium plugin and connectors. */
    private void awaitConnectReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> plugins = http.send(
                        HttpRequest.newBuilder(URI.create(connect.restUrl() + "/connector-plugins"))
                                .timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> connectors = http.send(
                        HttpRequest.newBuilder(URI.create(connect.restUrl() + "/connectors"))
                                .timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (plugins.statusCode() == 200 && connectors.statusCode() == 200) {
                    if (!plugins.body().contains("io.debezium.connector.postgresql.PostgresConnector")) {
                        throw new IllegalStateException("the Connect worker does not list the Debezium PostgreSQL "
                                + "connector plugin: " + plugins.body());
                    }
                    return;
                }
                lastProblem = "HTTP " + connectors.statusCode() + " " + connectors.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka Connect", e);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("Kafka Connect at " + connect.restUrl() + " was not ready within " + timeout
                + ": " + lastProblem);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String connectUrl() {
        return connect.restUrl();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** A properties file the Connect worker reads through {@code FileConfigProvider}; see {@link #LEGACY_PASSWORD_KEY}. */
    public Path secretsFile() {
        return secretsFile;
    }

    /** The password reference a capture plan uses to reach the sandbox's legacy database. */
    public String legacyPasswordReference() {
        return "${file:" + secretsFile + ":" + LEGACY_PASSWORD_KEY + "}";
    }

    public Path workDir() {
        return config.workDir();
    }

    /**
     * Every committed record of a topic, from the beginning to the end offsets at the time of the call (transaction
     * markers and aborted records skipped). For tests that check what a topic holds once the producers are done.
     */
    public List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        stopAll();
    }

    private void closeQuietly() {
        if (closed.compareAndSet(false, true)) {
            stopAll();
        }
    }

    private void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (config.deleteWorkDirOnClose()) {
            deleteRecursively(config.workDir());
        }
        log.info("sandbox stopped");
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
