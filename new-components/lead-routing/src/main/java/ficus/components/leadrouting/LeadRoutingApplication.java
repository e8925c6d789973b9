package ficus.components.leadrouting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * lead-routing: the second carved-off component, and the end of the event cascade legacy → ACL → customer-status →
 * outbox → lead-routing. It subscribes to customer-status's own topic {@code customer-status.customer.v1} (never to
 * the legacy-derived one) and parks the lead routing of customers that became inactive, un-parking them when they
 * are reactivated. Own database (Liquibase), jOOQ generated from its changelog, the component kit for consuming.
 */
@SpringBootApplication
@EnableConfigurationProperties(LeadRoutingProperties.class)
public class LeadRoutingApplication {

    public static void main(String[] args) {
        SpringApplication.run(LeadRoutingApplication.class, args);
    }
}
