package ficus.components.customerstatus;

import io.micrometer.core.instrument.MeterRegistry;
import ficus.components.customerstatus.model.CustomerEventType;
import ficus.core.FicusException;
import ficus.kit.consume.ApplyListener;

/**
 * How to run a {@link CustomerStatusComponent}. Start from {@link #of} and change what differs with the {@code with}
 * methods.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param topic            the domain topic; {@value CustomerEventType#TOPIC} by default
 * @param jdbcUrl          the component's own PostgreSQL database (never the legacy one)
 * @param user             database user
 * @param password         database password (may be empty)
 * @param httpPort         port of the HTTP API on 127.0.0.1; 0 picks a free one
 * @param listener         told of every applied and skipped event; {@link ApplyListener#NONE} by default
 * @param consumerGroup    the Kafka consumer group; {@value #COMPONENT_NAME} by default. Only tests and replays that
 *                         must start from the beginning use another.
 * @param meterRegistry    where the kit's meters and the consumer's client metrics go; null: a private registry
 */
public record CustomerStatusSettings(String bootstrapServers, String topic, String jdbcUrl, String user,
                                     String password, int httpPort, ApplyListener listener, String consumerGroup,
                                     MeterRegistry meterRegistry) {

    /** The component's name: its consumer group and the name in its logs. */
    public static final String COMPONENT_NAME = "customer-status";

    public CustomerStatusSettings {
        requireText(bootstrapServers, "bootstrapServers");
        requireText(jdbcUrl, "jdbcUrl");
        requireText(user, "user");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new FicusException.BadInput("customer-status setting jdbcUrl '" + jdbcUrl
                    + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new FicusException.BadInput("customer-status setting httpPort " + httpPort
                    + " is not a port (0 picks a free one)");
        }
        topic = topic == null || topic.isBlank() ? CustomerEventType.TOPIC : topic;
        password = password == null ? "" : password;
        listener = listener == null ? ApplyListener.NONE : listener;
        consumerGroup = consumerGroup == null || consumerGroup.isBlank() ? COMPONENT_NAME : consumerGroup;
    }

    /** Settings with the default topic, a free HTTP port, no listener and the default consumer group. */
    public static CustomerStatusSettings of(String bootstrapServers, String jdbcUrl, String user, String password) {
        return new CustomerStatusSettings(bootstrapServers, null, jdbcUrl, user, password, 0, null, null, null);
    }

    public CustomerStatusSettings withTopic(String topic) {
        return new CustomerStatusSettings(bootstrapServers, topic, jdbcUrl, user, password, httpPort, listener,
                consumerGroup, meterRegistry);
    }

    public CustomerStatusSettings withHttpPort(int httpPort) {
        return new CustomerStatusSettings(bootstrapServers, topic, jdbcUrl, user, password, httpPort, listener,
                consumerGroup, meterRegistry);
    }

    public CustomerStatusSettings withListener(ApplyListener listener) {
        return new CustomerStatusSettings(bootstrapServers, topic, jdbcUrl, user, password, httpPort, listener,
                consumerGroup, meterRegistry);
    }

    public CustomerStatusSettings withConsumerGroup(String consumerGroup) {
        return new CustomerStatusSettings(bootstrapServers, topic, jdbcUrl, user, password, httpPort, listener,
                consumerGroup, meterRegistry);
    }

    /** The meters go into {@code registry} (the host process serves it). */
    public CustomerStatusSettings withMeterRegistry(MeterRegistry registry) {
        return new CustomerStatusSettings(bootstrapServers, topic, jdbcUrl, user, password, httpPort, listener,
                consumerGroup, registry);
    }

    @Override
    public String toString() {
        return "CustomerStatusSettings[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", jdbcUrl="
                + jdbcUrl + ", user=" + user + ", password=***, httpPort=" + httpPort + ", consumerGroup="
                + consumerGroup + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new FicusException.BadInput("customer-status setting " + name + " is missing");
        }
    }
}
