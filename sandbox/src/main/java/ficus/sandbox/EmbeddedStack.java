package ficus.sandbox;

import ficus.sandbox.kafka.ConnectWorker;
import ficus.sandbox.kafka.KafkaBroker;
import ficus.sandbox.postgres.PostgresServer;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default backend: PostgreSQL (zonky binaries) as a child process, the broker and the Connect worker in this JVM. */
final class EmbeddedStack implements SandboxStack {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private PostgresServer postgres;
    private KafkaBroker broker;
    private ConnectWorker connect;

    private EmbeddedStack() {
    }

    /** Starts the three servers under {@code work}; on failure, what was started is stopped before the error propagates. */
    static EmbeddedStack start(Path work, Path postgresDataDir, int brokerPartitions, Path secretsFile) throws Exception {
        EmbeddedStack stack = new EmbeddedStack();
        try {
            stack.postgres = PostgresServer.start(postgresDataDir);
            stack.started.push(stack.postgres);
            stack.broker = KafkaBroker.start(work.resolve("kafka"), brokerPartitions);
            stack.started.push(stack.broker);
            stack.connect = ConnectWorker.start(stack.broker.bootstrapServers(), secretsFile);
            stack.started.push(stack.connect);
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    @Override
    public StackKind kind() {
        return StackKind.EMBEDDED;
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String connectUrl() {
        return connect.restUrl();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
