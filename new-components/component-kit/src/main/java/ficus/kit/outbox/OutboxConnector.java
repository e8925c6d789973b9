package ficus.kit.outbox;

import ficus.kit.event.CloudEventHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the Kafka Connect config of the Debezium PostgreSQL connector that publishes a component's outbox: it
 * captures only {@code public.ficus_outbox} of the component's own database and routes each row with
 * {@code io.debezium.transforms.outbox.EventRouter} to the topic named in its {@code topic} column, key
 * {@code aggregate_id}, value the JSON text of {@code payload}, and the CloudEvents headers from the other columns.
 *
 * <pre>{@code
 * var plan = new OutboxConnector.Plan("customer-status", host, port, "customer_status", "postgres",
 *         "${file:/path/secrets.properties:legacy.password}", 3);
 * ConnectClient.of(connectUrl).putConfig(OutboxConnector.name(plan), OutboxConnector.render(plan));
 * }</pre>
 */
public final class OutboxConnector {

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";
    public static final String EVENT_ROUTER = "io.debezium.transforms.outbox.EventRouter";

    /**
     * What the connector needs to know.
     *
     * @param component         the component's name (connector name {@code <component>-outbox}, slot, publication)
     * @param passwordReference the password or, better, a Connect config provider reference such as
     *                          {@code ${file:/path:key}}; never logged by Connect when it is a reference
     * @param topicPartitions   partitions of the component's topics when Connect creates them
     */
    public record Plan(String component, String host, int port, String database, String user,
                       String passwordReference, int topicPartitions) {

        public Plan {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(passwordReference, "passwordReference");
            if (!component.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("component name '" + component
                        + "' must be lower-case letters, digits and dashes, starting with a letter");
            }
            if (topicPartitions < 1) {
                throw new IllegalArgumentException("topicPartitions must be at least 1, was " + topicPartitions);
            }
        }
    }

    private OutboxConnector() {
    }

    /** {@code <component>-outbox}. */
    public static String name(Plan plan) {
        return plan.component() + "-outbox";
    }

    /** The connector config, ready for {@code PUT /connectors/{name}/config}. */
    public static Map<String, String> render(Plan plan) {
        String id = plan.component().replace('-', '_').toLowerCase(Locale.ROOT);
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", CONNECTOR_CLASS);
        c.put("tasks.max", "1");
        c.put("plugin.name", "pgoutput");
        c.put("database.hostname", plan.host());
        c.put("database.port", String.valueOf(plan.port()));
        c.put("database.dbname", plan.database());
        c.put("database.user", plan.user());
        c.put("database.password", plan.passwordReference());
        c.put("topic.prefix", plan.component() + "-outbox");
        c.put("slot.name", id + "_outbox");
        c.put("publication.name", id + "_outbox");
        c.put("publication.autocreate.mode", "filtered");
        c.put("table.include.list", "public." + OutboxTable.NAME);
        c.put("snapshot.mode", "initial");
        c.put("tombstones.on.delete", "false");
        c.put("poll.interval.ms", "20");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
        c.put("topic.creation.default.replication.factor", "-1");
        c.put("topic.creation.default.partitions", String.valueOf(plan.topicPartitions()));
        c.put("transforms", "outbox");
        String t = "transforms.outbox.";
        c.put(t + "type", EVENT_ROUTER);
        c.put(t + "table.field.event.id", OutboxTable.ID.getName());
        c.put(t + "table.field.event.key", OutboxTable.AGGREGATE_ID.getName());
        c.put(t + "table.field.event.payload", OutboxTable.PAYLOAD.getName());
        c.put(t + "route.by.field", OutboxTable.TOPIC.getName());
        c.put(t + "route.topic.replacement", "${routedByValue}");
        c.put(t + "table.fields.additional.placement", String.join(",",
                placement(OutboxTable.SPECVERSION.getName(), CloudEventHeaders.SPECVERSION),
                placement(OutboxTable.ID.getName(), CloudEventHeaders.ID),
                placement(OutboxTable.SOURCE.getName(), CloudEventHeaders.SOURCE),
                placement(OutboxTable.TYPE.getName(), CloudEventHeaders.TYPE),
                placement(OutboxTable.AGGREGATE_ID.getName(), CloudEventHeaders.SUBJECT),
                placement(OutboxTable.EVENT_TIME.getName(), CloudEventHeaders.TIME),
                placement(OutboxTable.POSITION.getName(), CloudEventHeaders.POSITION),
                placement(OutboxTable.CONTENT_TYPE.getName(), CloudEventHeaders.CONTENT_TYPE)));
        c.put(t + "table.expand.json.payload", "false");
        return c;
    }

    private static String placement(String column, String header) {
        return column + ":header:" + header;
    }
}
