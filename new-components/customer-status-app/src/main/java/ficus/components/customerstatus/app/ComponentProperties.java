package ficus.components.customerstatus.app;

import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.components.customerstatus.model.CustomerEventType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ficus.component.*}: where the component reads its events.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            the domain topic, {@code crm.customer.v1} by default
 * @param consumerGroup    the consumer group (and component name in logs, meters and the dead-letter topic
 *                         {@code <group>.dlq}), {@code customer-status} by default
 */
@ConfigurationProperties("ficus.component")
public record ComponentProperties(String bootstrapServers, String topic, String consumerGroup) {

    public ComponentProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("ficus.component.bootstrap-servers is missing: the Kafka bootstrap "
                    + "servers, e.g. --ficus.component.bootstrap-servers=127.0.0.1:9092");
        }
        topic = topic == null || topic.isBlank() ? CustomerEventType.TOPIC : topic;
        consumerGroup = consumerGroup == null || consumerGroup.isBlank()
                ? CustomerStatusSettings.COMPONENT_NAME : consumerGroup;
    }
}
