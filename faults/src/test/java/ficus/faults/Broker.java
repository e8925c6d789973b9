package ficus.faults;

import static org.awaitility.Awaitility.await;

import ficus.sandbox.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The KRaft broker as a process ({@link BrokerMain}): started, killed, restarted on the same ports and log dir. */
final class Broker implements AutoCloseable {

    private final Path logDir;
    private final Path log;
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private ChildJvm process;

    Broker(Path work) {
        this.logDir = work.resolve("kafka-logs");
        this.log = work.resolve("logs/broker.log");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Broker start() {
        process = FaultJvm.start("broker", log, List.of(), Map.of(), BrokerMain.class.getName(),
                List.of(logDir.toString(), Integer.toString(port), Integer.toString(controllerPort)));
        await("broker on " + bootstrapServers()).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(this::answers);
        return this;
    }

    private boolean answers() {
        if (!process.alive()) {
            throw new IllegalStateException("the broker exited: " + process.tail(30));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000))) {
            return !admin.describeCluster().nodes().get().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    void kill() {
        process.kill();
    }

    /** A clean restart: SIGTERM (the broker flushes and leaves the quorum), then the same broker again. */
    void restart() {
        process.stop(Duration.ofSeconds(60));
        start();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
        }
    }
}
