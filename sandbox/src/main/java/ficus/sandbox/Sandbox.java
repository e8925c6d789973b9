package ficus.sandbox;

import ficus.core.FicusException;
import ficus.sandbox.containers.ContainerSettings;
import ficus.sandbox.containers.ContainerStack;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * The sandbox stack: PostgreSQL 17 with logical replication, a Kafka broker in KRaft mode and a Kafka Connect worker
 * (distributed mode) with the Debezium PostgreSQL connector, all on 127.0.0.1 with free ports and all local data under
 * one work directory. Real servers, run by one of two backends ({@link StackKind}, chosen by {@code -Dficus.stack} or
 * {@code FICUS_STACK}): embedded in this JVM (the default) or in containers through Testcontainers. Callers never know
 * which. {@link #close()} (also run on Ctrl-C through a shutdown hook) stops them in reverse order.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    /** The database the sample legacy system lives in. */
    public static final String LEGACY_DATABASE = "legacy";
    /** The key in {@link #secretsFile()} that holds the legacy database password. */
    public static final String LEGACY_PASSWORD_KEY = "legacy.password";
    private static final String POSTGRES_DIR = "postgres";

    private final SandboxConfig config;
    private final StackKind kind;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private SandboxStack stack;
    private Path secretsFile;

    private Sandbox(SandboxConfig config, StackKind kind) {
        this.config = config;
        this.kind = kind;
        this.shutdownHook = new Thread(this::closeQuietly, "ficus-sandbox-shutdown");
    }

    /**
     * Starts the stack on the backend the settings ask for ({@link StackKind#fromSettings()}); on any failure, what was
     * already started is stopped again before the error propagates. A container engine that cannot be used is
     * {@link FicusException.Unavailable}, with what to do in its message.
     */
    public static Sandbox start(SandboxConfig config) {
        return start(config, StackKind.fromSettings());
    }

    /** Starts the stack on the given backend. */
    public static Sandbox start(SandboxConfig config, StackKind kind) {
        Sandbox sandbox = new Sandbox(config, kind);
        Runtime.getRuntime().addShutdownHook(sandbox.shutdownHook);
        try {
            sandbox.startAll();
            return sandbox;
        } catch (Exception e) {
            sandbox.closeQuietly();
            if (e instanceof FicusException.Unavailable unavailable) {
                throw unavailable;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new FicusException.OperationFailed("the " + kind.setting() + " stack did not start in "
                    + config.workDir() + ": " + root.getMessage(), e);
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

        stack = switch (kind) {
            case EMBEDDED -> EmbeddedStack.start(work, work.resolve(POSTGRES_DIR).resolve("data"),
                    config.brokerPartitions(), secretsFile);
            case TESTCONTAINERS -> ContainerStack.start(ContainerSettings.fromSettings(), secretsFile.getParent(),
                    config.brokerPartitions(), PostgresServer.PASSWORD);
        };
        stack.postgres().createDatabase(LEGACY_DATABASE);
        awaitConnectReady(Duration.ofSeconds(90));
        log.info("sandbox up in {} ms ({}): postgres {}:{}, kafka {}, connect {}",
                Duration.between(begin, Instant.now()).toMillis(), kind.setting(), stack.postgres().host(),
                stack.postgres().port(), stack.bootstrapServers(), stack.connectUrl());
    }

    /** The worker answers REST before it has joined its group; wait until it lists the Debezium plugin and connectors. */
    private void awaitConnectReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String lastProblem = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> plugins = http.send(
                        HttpRequest.newBuilder(URI.create(stack.connectUrl() + "/connector-plugins"))
                                .timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> connectors = http.send(
                        HttpRequest.newBuilder(URI.create(stack.connectUrl() + "/connectors"))
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
        throw new IllegalStateException("Kafka Connect at " + stack.connectUrl() + " was not ready within " + timeout
                + ": " + lastProblem);
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String connectUrl() {
        return stack.connectUrl();
    }

    public SandboxPostgres postgres() {
        return stack.postgres();
    }

    /** Which backend runs this sandbox. */
    public StackKind kind() {
        return kind;
    }

    /** The backend itself, for tests that check what it runs (e.g. the containers' port bindings). */
    public SandboxStack backend() {
        return stack;
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
        if (stack != null) {
            stack.close();
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
