package ficus.components.customerstatus.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * customer-status as a Spring Boot service: Liquibase migrates its own database at start, jOOQ (classes generated
 * from the same changelog) reads and writes it, the component kit consumes {@code crm.customer.v1}, and the HTTP API
 * answers {@code GET /customers/{id}/status} and {@code GET /customers?status=...}. Runs in its own JVM
 * ({@code java -jar ficus-customer-status-app-<version>-exec.jar}); see {@code CustomerStatusProcess}.
 */
@SpringBootApplication
@EnableConfigurationProperties(ComponentProperties.class)
public class CustomerStatusApplication {

    public static void main(String[] args) {
        SpringApplication.run(CustomerStatusApplication.class, args);
    }
}
