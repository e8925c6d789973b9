package ficus.sandbox.containers;

import ficus.sandbox.SandboxPostgres;
import ficus.sandbox.SandboxStack;
import ficus.sandbox.StackKind;
import ficus.sandbox.kafka.FreePorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The container backend: PostgreSQL, a Kafka broker (KRaft) and a Kafka Connect worker with the Debezium PostgreSQL
 * connector, each from an image of {@link ContainerSettings}, started through Testcontainers.
 *
 * <p>Every address is on 127.0.0.1, as the embedded stack's are. PostgreSQL's and the broker's ports are published on
 * 127.0.0.1 only (the broker's on the same port number inside and out, so the one listener it advertises,
 * {@code 127.0.0.1:<port>}, works for every client). The Connect worker runs in the host's network and listens on
 * 127.0.0.1: capture plans carry the database address the tests use ({@link SandboxPostgres#host()},
 * {@link SandboxPostgres#port()}), and the worker must reach it at that same address. The secrets directory is mounted
 * at its own path, so {@code ${file:<path>:<key>}} references resolve in the worker as they do in the embedded one.
 *
 * <p>Containers are labelled with {@value #LABEL}, the pid of the JVM that started them and the boot and pid namespace
 * that pid belongs to; the next start from the same namespace removes those whose JVM is gone (Ryuk, Testcontainers'
 * reaper, may be disabled).
 */
public final class ContainerStack implements SandboxStack {

    private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);
    public static final String LABEL = "dev.ficus.sandbox";
    private static final String PID_LABEL = LABEL + ".pid";
    /** Where that pid means something: this boot of this machine and this pid namespace. */
    private static final String PROCESSES_LABEL = LABEL + ".processes";
    private static final String LOOPBACK = "127.0.0.1";
    private static final int POSTGRES_PORT = 5432;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final ContainerSettings settings;
    private final List<GenericContainer<?>> started = new ArrayList<>();
    private GenericContainer<?> postgres;
    private GenericContainer<?> kafka;
    private GenericContainer<?> connect;
    private SandboxPostgres postgresAccess;
    private String bootstrapServers;
    private String connectUrl;

    private ContainerStack(ContainerSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts the three containers; on failure, what was started is stopped before the error propagates.
     *
     * @param secretsDir the directory of the secrets file; mounted read-only into the Connect worker at this path
     * @param postgresPassword the superuser's password
     */
    public static ContainerStack start(ContainerSettings settings, Path secretsDir, int brokerPartitions,
                                       String postgresPassword) {
        ContainerEngine.requireLocalEngine();
        removeOrphans();
        ContainerStack stack = new ContainerStack(settings);
        try {
            stack.startAll(secretsDir.toAbsolutePath(), brokerPartitions, postgresPassword);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path secretsDir, int brokerPartitions, String postgresPassword) {
        log.info("container stack: {}, {}, {}", settings.postgres(), settings.kafka(), settings.connect());
        postgres = labelled(new GenericContainer<>(DockerImageName.parse(settings.postgres())), "postgres")
                .withEnv("POSTGRES_PASSWORD", postgresPassword)
                // as the embedded server does: connections from the host are trusted (and only the host reaches it)
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10",
                        "-c", "max_wal_senders=10", "-c", "max_slot_wal_keep_size=1GB", "-c", "max_connections=100",
                        "-c", "fsync=off", "-c", "synchronous_commit=on", "-c", "full_page_writes=off")
                .withExposedPorts(POSTGRES_PORT)
                .withCreateContainerCmdModifier(publishOnLoopback(POSTGRES_PORT, 0))
                // the official image prints it twice: once for the temporary server that initializes the cluster
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(STARTUP));

        int brokerPort = FreePorts.next();
        bootstrapServers = LOOPBACK + ":" + brokerPort;
        kafka = labelled(new GenericContainer<>(DockerImageName.parse(settings.kafka())), "kafka")
                .withEnv(brokerEnvironment(brokerPort, brokerPartitions))
                .withExposedPorts(brokerPort)
                .withCreateContainerCmdModifier(publishOnLoopback(brokerPort, brokerPort))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(STARTUP));

        started.add(postgres);
        started.add(kafka);
        Startables.deepStart(postgres, kafka).join();
        postgresAccess = new ContainerPostgres(LOOPBACK, postgres.getMappedPort(POSTGRES_PORT), "postgres",
                postgresPassword);

        int restPort = FreePorts.next();
        connectUrl = "http://" + LOOPBACK + ":" + restPort;
        connect = labelled(new GenericContainer<>(DockerImageName.parse(settings.connect())), "connect")
                .withNetworkMode("host")
                .withEnv(workerEnvironment(restPort, secretsDir))
                .withCreateContainerCmdModifier(mountReadOnly(secretsDir))
                .waitingFor(Wait.forLogMessage(".*Kafka Connect started.*", 1).withStartupTimeout(STARTUP));
        started.add(connect);
        connect.start();
    }

    private Map<String, String> brokerEnvironment(int port, int partitions) {
        return Map.ofEntries(
                Map.entry("CLUSTER_ID", Uuid.randomUuid().toString()),
                Map.entry("KAFKA_NODE_ID", "1"),
                Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                Map.entry("KAFKA_LISTENERS", "PLAINTEXT://:" + port + ",CONTROLLER://127.0.0.1:9093"),
                Map.entry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + LOOPBACK + ":" + port),
                Map.entry("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                Map.entry("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT"),
                Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:9093"),
                Map.entry("KAFKA_LOG_DIRS", "/tmp/kraft-combined-logs"),
                Map.entry("KAFKA_NUM_PARTITIONS", String.valueOf(partitions)),
                Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true"),
                Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
                Map.entry("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5"),
                Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"),
                Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"),
                Map.entry("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5"),
                Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1"),
                Map.entry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1"),
                Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", "1"),
                Map.entry("KAFKA_MIN_INSYNC_REPLICAS", "1"),
                Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
    }

    /** The embedded worker's settings (ConnectWorker), in the Debezium connect image's variables. */
    private Map<String, String> workerEnvironment(int restPort, Path secretsDir) {
        return Map.ofEntries(
                Map.entry("BOOTSTRAP_SERVERS", bootstrapServers),
                Map.entry("GROUP_ID", "ficus-sandbox-connect"),
                Map.entry("CONFIG_STORAGE_TOPIC", "ficus-connect-configs"),
                Map.entry("OFFSET_STORAGE_TOPIC", "ficus-connect-offsets"),
                Map.entry("STATUS_STORAGE_TOPIC", "ficus-connect-status"),
                Map.entry("KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "false"),
                Map.entry("CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE", "false"),
                Map.entry("CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR", "1"),
                Map.entry("CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR", "1"),
                Map.entry("CONNECT_STATUS_STORAGE_REPLICATION_FACTOR", "1"),
                Map.entry("CONNECT_OFFSET_STORAGE_PARTITIONS", "5"),
                Map.entry("CONNECT_STATUS_STORAGE_PARTITIONS", "1"),
                Map.entry("OFFSET_FLUSH_INTERVAL_MS", "1000"),
                Map.entry("REST_HOST_NAME", LOOPBACK),
                Map.entry("REST_PORT", String.valueOf(restPort)),
                Map.entry("ADVERTISED_HOST_NAME", LOOPBACK),
                Map.entry("ADVERTISED_PORT", String.valueOf(restPort)),
                Map.entry("CONNECT_LISTENERS", "http://" + LOOPBACK + ":" + restPort),
                Map.entry("CONNECT_SCHEDULED_REBALANCE_MAX_DELAY_MS", "1000"),
                // secrets stay references in connector configs: ${file:<path>:<key>} and ${env:<VAR>}
                Map.entry("CONNECT_CONFIG_PROVIDERS", "file,env"),
                Map.entry("CONNECT_CONFIG_PROVIDERS_FILE_CLASS",
                        "org.apache.kafka.common.config.provider.FileConfigProvider"),
                Map.entry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider"),
                Map.entry("CONNECT_CONFIG_PROVIDERS_FILE_PARAM_ALLOWED_PATHS", secretsDir.toString()));
    }

    private GenericContainer<?> labelled(GenericContainer<?> container, String role) {
        return container.withLabel(LABEL, role)
                .withLabel(PID_LABEL, String.valueOf(ProcessHandle.current().pid()))
                .withLabel(PROCESSES_LABEL, processNamespace())
                .withLogConsumer(debugLog(LoggerFactory.getLogger("ficus.sandbox.containers." + role)));
    }

    /** A container's output, line by line, at debug level (its server's own log levels already filtered it). */
    private static Consumer<OutputFrame> debugLog(Logger logger) {
        return frame -> {
            if (logger.isDebugEnabled() && frame.getType() != OutputFrame.OutputType.END) {
                logger.debug(frame.getUtf8StringWithoutLineEnding());
            }
        };
    }

    /** Publishes one container port on 127.0.0.1 only (a free host port when {@code hostPort} is 0), nothing else. */
    static Consumer<CreateContainerCmd> publishOnLoopback(int containerPort, int hostPort) {
        return cmd -> {
            HostConfig host = Optional.ofNullable(cmd.getHostConfig()).orElseGet(HostConfig::newHostConfig);
            Ports.Binding binding = hostPort == 0 ? Ports.Binding.bindIp(LOOPBACK)
                    : Ports.Binding.bindIpAndPort(LOOPBACK, hostPort);
            cmd.withHostConfig(host.withPublishAllPorts(false)
                    .withPortBindings(new PortBinding(binding, ExposedPort.tcp(containerPort))));
        };
    }

    /**
     * A host directory at the same path, read-only. (A bind through the create command itself: Testcontainers' own
     * file-system bind first probes the engine with a tiny image that a machine without a registry cannot pull.)
     */
    static Consumer<CreateContainerCmd> mountReadOnly(Path dir) {
        return cmd -> {
            HostConfig host = Optional.ofNullable(cmd.getHostConfig()).orElseGet(HostConfig::newHostConfig);
            List<Bind> binds = new ArrayList<>(host.getBinds() == null ? List.of() : List.of(host.getBinds()));
            binds.add(new Bind(dir.toString(), new Volume(dir.toString()), AccessMode.ro));
            cmd.withHostConfig(host.withBinds(binds));
        };
    }

    /**
     * Containers of this backend whose JVM is gone (killed hard, so it could not stop them) are removed — only those
     * started from this machine's pid namespace, since a pid says nothing about another one sharing the engine.
     */
    private static void removeOrphans() {
        String here = processNamespace();
        if (here.isEmpty()) {
            return;
        }
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> ours = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROCESSES_LABEL, here)).exec();
        for (Container c : ours) {
            String pid = c.getLabels() == null ? null : c.getLabels().get(PID_LABEL);
            boolean alive = pid != null && pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                log.warn("removing container {} ({}) left by an earlier run (pid {})", c.getId(), c.getImage(), pid);
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (RuntimeException e) {
                    log.warn("could not remove {}: {}", c.getId(), e.toString());
                }
            }
        }
    }

    /** This boot and pid namespace ({@code /proc}), or empty where there is no such thing to tell. */
    private static String processNamespace() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
            String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return boot + "/" + namespace.replaceAll("[^0-9]", "");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    /** The containers of this stack, started or not: PostgreSQL, the broker, the Connect worker. */
    public List<GenericContainer<?>> containers() {
        return List.copyOf(started);
    }

    @Override
    public StackKind kind() {
        return StackKind.TESTCONTAINERS;
    }

    @Override
    public SandboxPostgres postgres() {
        return postgresAccess;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String connectUrl() {
        return connectUrl;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            GenericContainer<?> c = started.get(i);
            try {
                c.stop();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", c.getDockerImageName(), e.toString());
            }
        }
    }

    private record ContainerPostgres(String host, int port, String user, String password) implements SandboxPostgres {
    }
}
