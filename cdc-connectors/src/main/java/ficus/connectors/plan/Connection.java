package ficus.connectors.plan;

import java.util.Objects;

/** How the Connect worker reaches the legacy PostgreSQL database. The password is a reference, never a value. */
public record Connection(String host, int port, String database, String user, SecretRef password) {

    public static final int DEFAULT_PORT = 5432;

    public Connection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
