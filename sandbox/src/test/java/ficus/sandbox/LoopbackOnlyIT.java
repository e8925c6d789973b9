package ficus.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ficus.sandbox.containers.ContainerStack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * All test traffic stays on 127.0.0.1, whichever backend runs the stack: every address the sandbox hands out, every
 * address the broker tells its clients to use, every TCP connection the tests' JVM and the Connect worker hold while a
 * Debezium connector streams, and — on containers — every published port.
 */
@ExtendWith(SandboxExtension.class)
class LoopbackOnlyIT {

    @Test
    void shouldHandOutOnlyLoopbackAddresses(Sandbox sandbox) throws Exception {
        List<InetSocketAddress> addresses = sandbox.backend().addresses();
        assertThat(addresses).hasSize(3);
        assertThat(addresses).allSatisfy(a -> assertThat(a.getHostString()).isEqualTo("127.0.0.1"));
        assertThat(sandbox.postgres().jdbcUrl(Sandbox.LEGACY_DATABASE)).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(sandbox.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(sandbox.connectUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get();
            assertThat(nodes).isNotEmpty().allSatisfy(n -> assertThat(n.host())
                    .as("a broker advertises where clients connect next").isEqualTo("127.0.0.1"));
        }
    }

    @Test
    void shouldKeepEveryConnectionOfTheTestsAndTheConnectWorkerOnLoopback(Sandbox sandbox) throws Exception {
        long testJvm = ProcessHandle.current().pid();
        long worker = connectWorkerPid(sandbox);
        assumeTrue(TcpSockets.readable(testJvm) && TcpSockets.readable(worker),
                "needs Linux and a readable /proc/<pid>/fd of the tests' JVM and the Connect worker (pid " + worker + ")");

        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String database = "loopback_" + run;
        sandbox.postgres().createDatabase(database);
        try (Connection c = sandbox.postgres().dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.execute("create table probe (id int primary key, note text)");
            s.execute("insert into probe values (1, 'through 127.0.0.1 only')");
        }
        String connector = "loopback-" + run;
        String topic = "loopback" + run + ".public.probe";
        deploy(sandbox, connector, """
                {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                 "database.hostname": "%s", "database.port": "%d", "database.user": "%s",
                 "database.password": "%s", "database.dbname": "%s", "topic.prefix": "loopback%s",
                 "plugin.name": "pgoutput", "slot.name": "loopback_%s", "slot.drop.on.stop": "true",
                 "publication.name": "loopback_%s", "publication.autocreate.mode": "filtered",
                 "table.include.list": "public.probe", "tasks.max": "1"}
                """.formatted(sandbox.postgres().host(), sandbox.postgres().port(), sandbox.postgres().user(),
                sandbox.legacyPasswordReference(), database, run, run, run));
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> topicHasRecords(sandbox, topic));
            // the worker now holds its connections to the broker and, for the connector, to PostgreSQL
            List<String> offLoopback = new ArrayList<>();
            for (long pid : List.of(testJvm, worker)) {
                TcpSockets sockets = TcpSockets.of(pid);
                sockets.connected().stream().filter(s -> !s.remote().isLoopbackAddress())
                        .forEach(s -> offLoopback.add("pid " + pid + ": " + s));
                sockets.listening().stream().filter(s -> !s.local().isLoopbackAddress())
                        .forEach(s -> offLoopback.add("pid " + pid + ": " + s));
            }
            TcpSockets workerSockets = TcpSockets.of(worker);
            assertThat(workerSockets.connected()).as("the worker's connections")
                    .anySatisfy(s -> assertThat(s.remotePort()).isEqualTo(sandbox.postgres().port()))
                    .anySatisfy(s -> assertThat("127.0.0.1:" + s.remotePort()).isEqualTo(sandbox.bootstrapServers()));
            assertThat(offLoopback).as("TCP sockets off 127.0.0.1").isEmpty();
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.connectUrl() + "/connectors/"
                    + connector)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void shouldPublishEveryContainerPortOnLoopbackOnly(Sandbox sandbox) {
        assumeTrue(sandbox.kind() == StackKind.TESTCONTAINERS, "the stack runs embedded (-Dficus.stack=testcontainers"
                + " runs it on containers)");
        assertThat(loopback(DockerClientFactory.instance().dockerHostIpAddress()))
                .as("where Testcontainers reaches published ports (TESTCONTAINERS_HOST_OVERRIDE)").isTrue();
        List<GenericContainer<?>> containers = ((ContainerStack) sandbox.backend()).containers();
        assertThat(containers).hasSize(3);
        for (GenericContainer<?> container : containers) {
            InspectContainerResponse info = container.getContainerInfo();
            String name = container.getDockerImageName();
            if ("host".equals(info.getHostConfig().getNetworkMode())) {
                assertThat(info.getConfig().getEnv()).as(name + ": a host-network worker listens on 127.0.0.1")
                        .anySatisfy(e -> assertThat(e).matches("CONNECT_LISTENERS=http://127\\.0\\.0\\.1:\\d+"));
                continue;
            }
            Ports.Binding[] all = info.getNetworkSettings().getPorts().getBindings().values().stream()
                    .filter(Objects::nonNull).flatMap(Arrays::stream)
                    .toArray(Ports.Binding[]::new);
            assertThat(all).as(name + ": published ports").isNotEmpty()
                    .allSatisfy(b -> assertThat(b.getHostIp()).isEqualTo("127.0.0.1"));
            // an exposed port of the image that is not published has no binding (null): nothing listens for it
            assertThat(info.getHostConfig().getPortBindings().getBindings().values().stream()
                    .filter(Objects::nonNull).flatMap(Arrays::stream)).as(name + ": requested bindings")
                    .isNotEmpty().allSatisfy(b -> assertThat(b.getHostIp()).isEqualTo("127.0.0.1"));
        }
    }

    private static long connectWorkerPid(Sandbox sandbox) {
        if (sandbox.backend() instanceof ContainerStack containers) {
            return containers.containers().stream()
                    .filter(c -> "host".equals(c.getContainerInfo().getHostConfig().getNetworkMode()))
                    .findFirst().orElseThrow().getContainerInfo().getState().getPidLong();
        }
        return ProcessHandle.current().pid(); // the embedded worker runs in this JVM
    }

    private static void deploy(Sandbox sandbox, String name, String config) throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.connectUrl() + "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    }

    private static boolean topicHasRecords(Sandbox sandbox, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return false;
            }
        } catch (Exception e) {
            return false;
        }
        return !sandbox.readCommitted(topic).isEmpty();
    }

    /** Every address the name resolves to is a loopback one. */
    private static boolean loopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
