package ficus.faults;

import static org.awaitility.Awaitility.await;

import ficus.sandbox.kafka.ConnectWorker;
import ficus.sandbox.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka Connect worker in distributed mode as a process ({@code ConnectDistributed}, the Debezium PostgreSQL
 * connector found on the class path, the sandbox worker's settings: {@link ConnectWorker#config}), REST on 127.0.0.1. Workers made with the same group form one Connect cluster, as
 * production runs it: kill one and its tasks move to another.
 */
final class ConnectWorkerNode implements AutoCloseable {

    static final String GROUP = "ficus-faults-connect";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path config;
    private final Path log;
    private final int port = Ports.free();
    private ChildJvm process;

    ConnectWorkerNode(String name, Path work, String bootstrapServers, Path secretsDir) {
        this.name = name;
        this.config = work.resolve(name + ".properties");
        this.log = work.resolve("logs/" + name + ".log");
        Properties p = new Properties();
        p.putAll(ConnectWorker.config(bootstrapServers, port, secretsDir, GROUP, "faults-connect"));
        // a dead worker's tasks are given to the others after this long (production default: 5 minutes)
        p.put("scheduled.rebalance.max.delay.ms", "3000");
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "1000");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "fault suite Connect worker " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:port}: how Connect names a worker in connector and task status. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    ConnectWorkerNode start() {
        process = FaultJvm.start(name, log, List.of("-Dlog4j2.configurationFile=none"), Map.of(),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()));
        await(name + " REST on " + url()).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(this::answers);
        return this;
    }

    private boolean answers() {
        if (!process.alive()) {
            throw new IllegalStateException(name + " exited: " + process.tail(30));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/connectors")).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.alive();
    }

    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
