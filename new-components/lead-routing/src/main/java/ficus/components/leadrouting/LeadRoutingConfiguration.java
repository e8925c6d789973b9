package ficus.components.leadrouting;

import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.kit.consume.UnusableEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The kit's consumer of customer-status's events; closed (gracefully) with the context. */
@Configuration(proxyBeanMethods = false)
class LeadRoutingConfiguration {

    static final String BECAME_INACTIVE = "customer-status.CustomerBecameInactive.v1";
    static final String REACTIVATED = "customer-status.CustomerReactivated.v1";

    @Bean
    RoutingStore routingStore() {
        return new RoutingStore();
    }

    @Bean(destroyMethod = "close")
    ComponentConsumer componentConsumer(LeadRoutingProperties properties, RoutingStore store, DSLContext dsl,
                                        MeterRegistry meterRegistry) {
        return Subscription.to(properties.topic())
                .as(properties.consumerGroup())
                .meterRegistry(meterRegistry)
                .on(BECAME_INACTIVE, CustomerActivity.class, d -> apply(store, d, false))
                .on(REACTIVATED, CustomerActivity.class, d -> apply(store, d, true))
                .start(properties.bootstrapServers(), dsl);
    }

    private static void apply(RoutingStore store, Delivery<CustomerActivity> d, boolean routable) {
        long customerId;
        try {
            customerId = Long.parseLong(d.event().subject());
        } catch (NumberFormatException e) {
            throw new UnusableEvent("subject '" + d.event().subject() + "' is not a customer id");
        }
        if (d.data().customerId() != customerId) {
            throw new UnusableEvent("data customerId " + d.data().customerId() + " differs from subject " + customerId);
        }
        String reason = d.data().removed() ? "REMOVED" : d.data().status();
        if (reason == null) {
            throw new UnusableEvent("it names no status");
        }
        store.put(d.tx(), customerId, routable, reason, d.event(), d.appliedAt());
    }
}
