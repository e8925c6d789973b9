package ficus.components.customerstatus.app;

import ficus.components.customerstatus.CustomerStatusProjection;
import ficus.components.customerstatus.store.CustomerStatusStore;
import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Subscription;
import ficus.kit.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the component kit into Spring: the consumer starts once the schema is migrated (the {@link DSLContext}
 * depends on Liquibase) and is closed when the context closes: on SIGTERM the event in hand is finished and its offset
 * committed before the JVM exits.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    @Bean
    CustomerStatusStore customerStatusStore() {
        return new CustomerStatusStore();
    }

    @Bean(destroyMethod = "close")
    ComponentConsumer componentConsumer(ComponentProperties properties, CustomerStatusStore store, DSLContext dsl,
                                        MeterRegistry meterRegistry) {
        Subscription subscription = Subscription.to(properties.topic())
                .as(properties.consumerGroup())
                .meterRegistry(meterRegistry);
        return new CustomerStatusProjection(store, new Outbox()).subscribe(subscription)
                .start(properties.bootstrapServers(), dsl);
    }
}
