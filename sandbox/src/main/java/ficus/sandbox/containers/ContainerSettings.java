package ficus.sandbox.containers;

import java.util.Optional;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The images the container backend runs. Each is a setting — a system property, else an environment variable — so a
 * team points the backend at the images it deploys; by default the official ones, at the versions Ficus is built with.
 *
 * @param postgres {@value #POSTGRES_PROPERTY} / {@value #POSTGRES_ENVIRONMENT}: PostgreSQL with the official image's
 *     environment variables and {@code -c name=value} arguments (default {@value #DEFAULT_POSTGRES})
 * @param kafka {@value #KAFKA_PROPERTY} / {@value #KAFKA_ENVIRONMENT}: a Kafka broker configured like
 *     {@code apache/kafka} ({@code KAFKA_*} variables, {@code CLUSTER_ID}); default {@code apache/kafka:<Kafka version>}
 * @param connect {@value #CONNECT_PROPERTY} / {@value #CONNECT_ENVIRONMENT}: a Connect worker with the Debezium
 *     PostgreSQL connector, configured like Debezium's connect image; default
 *     {@code quay.io/debezium/connect:<Debezium version>}
 */
public record ContainerSettings(String postgres, String kafka, String connect) {

    public static final String POSTGRES_PROPERTY = "ficus.stack.postgres.image";
    public static final String POSTGRES_ENVIRONMENT = "FICUS_STACK_POSTGRES_IMAGE";
    public static final String KAFKA_PROPERTY = "ficus.stack.kafka.image";
    public static final String KAFKA_ENVIRONMENT = "FICUS_STACK_KAFKA_IMAGE";
    public static final String CONNECT_PROPERTY = "ficus.stack.connect.image";
    public static final String CONNECT_ENVIRONMENT = "FICUS_STACK_CONNECT_IMAGE";
    public static final String DEFAULT_POSTGRES = "postgres:17";

    public static ContainerSettings fromSettings() {
        return new ContainerSettings(
                setting(POSTGRES_PROPERTY, POSTGRES_ENVIRONMENT).orElse(DEFAULT_POSTGRES),
                setting(KAFKA_PROPERTY, KAFKA_ENVIRONMENT).orElse("apache/kafka:" + AppInfoParser.getVersion()),
                setting(CONNECT_PROPERTY, CONNECT_ENVIRONMENT)
                        .orElse("quay.io/debezium/connect:" + io.debezium.connector.postgresql.Module.version()));
    }

    private static Optional<String> setting(String property, String environment) {
        return Optional.ofNullable(System.getProperty(property)).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(System.getenv(environment)).filter(v -> !v.isBlank()))
                .map(String::trim);
    }
}
