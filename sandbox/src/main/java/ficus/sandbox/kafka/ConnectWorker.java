package ficus.sandbox.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in distributed mode, REST on 127.0.0.1 and a free port. Plugins (the Debezium PostgreSQL
 * connector) are found on the class path through the service loader; {@code plugin.path} stays unset.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);

    private final Connect<?> connect;
    private final String restUrl;

    private ConnectWorker(Connect<?> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    public static ConnectWorker start(String bootstrapServers, Path secretsFile) {
        int restPort = FreePorts.next();
        Map<String, String> props = config(bootstrapServers, restPort, secretsFile.getParent(), "ficus-sandbox-connect",
                "ficus-connect");
        Connect<?> connect = new ConnectDistributed().startConnect(props);
        String url = "http://127.0.0.1:" + restPort;
        log.info("Kafka Connect worker REST API on {}", url);
        return new ConnectWorker(connect, url);
    }

    /**
     * A distributed worker's settings: JSON without schemas, its three storage topics ({@code <topics>-configs},
     * {@code -offsets}, {@code -status}) with one replica, REST on 127.0.0.1, plugins by service loader, and the
     * {@code file} (reading only below {@code secretsDir}) and {@code env} config providers. Workers with the same
     * {@code groupId} form one Connect cluster. Also what a worker in a process of its own runs with (the fault
     * suite's).
     */
    public static Map<String, String> config(String bootstrapServers, int restPort, Path secretsDir, String groupId,
            String topics) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("key.converter.schemas.enable", "false");
        props.put("value.converter.schemas.enable", "false");
        props.put("config.storage.topic", topics + "-configs");
        props.put("offset.storage.topic", topics + "-offsets");
        props.put("status.storage.topic", topics + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "1");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(restPort));
        props.put("plugin.discovery", "service_load");
        props.put("scheduled.rebalance.max.delay.ms", "1000");
        // secrets stay references in connector configs: ${file:<path>:<key>} and ${env:<VAR>}
        props.put("config.providers", "file,env");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        props.put("config.providers.file.param.allowed.paths", secretsDir.toString());
        return props;
    }

    public String restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
