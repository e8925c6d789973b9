package ficus.faults;

import ficus.sandbox.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (combined broker and controller) in its own JVM, with the sandbox broker's settings
 * ({@link KafkaBroker#config}): {@code logDir brokerPort controllerPort}. Formats the log directory on its first start
 * only, so a restarted broker keeps its topics, offsets and transactions; SIGTERM shuts it down cleanly, SIGKILL is a
 * crash.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(KafkaBroker.config(logDir, brokerPort, controllerPort, 4), false);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            KafkaBroker.format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        server.startup();
        System.out.println("broker: listening on 127.0.0.1:" + brokerPort);
        server.awaitShutdown();
    }
}
