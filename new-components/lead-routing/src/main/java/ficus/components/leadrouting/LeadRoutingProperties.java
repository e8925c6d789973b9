package ficus.components.leadrouting;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ficus.component.*}.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            customer-status's topic, {@value #TOPIC} by default
 * @param consumerGroup    {@value #NAME} by default
 */
@ConfigurationProperties("ficus.component")
public record LeadRoutingProperties(String bootstrapServers, String topic, String consumerGroup) {

    public static final String NAME = "lead-routing";
    public static final String TOPIC = "customer-status.customer.v1";

    public LeadRoutingProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("ficus.component.bootstrap-servers is missing");
        }
        topic = topic == null || topic.isBlank() ? TOPIC : topic;
        consumerGroup = consumerGroup == null || consumerGroup.isBlank() ? NAME : consumerGroup;
    }
}
