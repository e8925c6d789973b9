package ficus.sandbox;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What runs the sandbox's three servers — PostgreSQL with logical replication, a Kafka broker in KRaft mode and a Kafka
 * Connect worker with the Debezium PostgreSQL connector — behind {@link Sandbox}. Two backends: the embedded one (in
 * this JVM, the default) and the container one ({@code ficus.sandbox.containers.ContainerStack}). Either listens on
 * 127.0.0.1 only, so tests never know which one runs.
 */
public interface SandboxStack extends AutoCloseable {

    StackKind kind();

    SandboxPostgres postgres();

    /** {@code 127.0.0.1:<port>}. */
    String bootstrapServers();

    /** {@code http://127.0.0.1:<port>}. */
    String connectUrl();

    /** Every address a client of the stack is given: PostgreSQL, the broker, the Connect worker's REST API. */
    default List<InetSocketAddress> addresses() {
        String[] broker = bootstrapServers().split(":");
        java.net.URI connect = java.net.URI.create(connectUrl());
        return List.of(InetSocketAddress.createUnresolved(postgres().host(), postgres().port()),
                InetSocketAddress.createUnresolved(broker[0], Integer.parseInt(broker[1])),
                InetSocketAddress.createUnresolved(connect.getHost(), connect.getPort()));
    }

    @Override
    void close();
}
