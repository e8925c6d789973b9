package ficus.components.customerstatus.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.core.FicusException;
import ficus.kit.process.ComponentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer-status Spring Boot service ({@code ficus-customer-status-app-<version>-exec.jar}) in a JVM of its own,
 * for hosts that must not load Spring (the CLI runs a Kafka Connect worker in-process). The handle mirrors
 * {@code CustomerStatusComponent}'s:
 *
 * <pre>{@code
 * try (var service = CustomerStatusProcess.start(CustomerStatusSettings.of(bootstrap, jdbcUrl, user, password))) {
 *     int port = service.httpPort();         // GET /customers/{id}/status, GET /customers?status=..., /actuator/health
 *     long applied = service.appliedCount(); // from GET /ficus/component
 * }                                          // SIGTERM: the event in hand is finished, offsets committed
 * }</pre>
 *
 * The settings' {@code listener} cannot cross the process boundary and is ignored; read the counters or the
 * service's {@code /actuator/metrics/ficus.component.*} instead. The password goes to the child through its
 * environment, never its command line.
 *
 * <p>Where the jar is: {@link #start(CustomerStatusSettings, Path)} names it; {@link #start(CustomerStatusSettings)}
 * takes the system property {@value #APP_JAR_PROPERTY}, else the local Maven repository
 * ({@code ~/.m2/repository/dev/ficus/ficus-customer-status-app/<version>/...-exec.jar}, put there by
 * {@code mvn install}).
 */
public final class CustomerStatusProcess implements AutoCloseable {

    public static final String APP_JAR_PROPERTY = "ficus.customer-status.app-jar";
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ComponentProcess process;
    private final CustomerStatusSettings settings;

    private CustomerStatusProcess(ComponentProcess process, CustomerStatusSettings settings) {
        this.process = process;
        this.settings = settings;
    }

    /** Starts the service from the default jar location (see the class comment). */
    public static CustomerStatusProcess start(CustomerStatusSettings settings) {
        return start(settings, defaultAppJar());
    }

    /**
     * Starts {@code appJar} with {@code settings} and returns once it reports healthy (schema migrated, HTTP up,
     * consumer subscribed).
     *
     * @throws FicusException.BadInput    when the jar does not exist
     * @throws FicusException.Unavailable when the service does not become healthy (its log's tail is in the message)
     */
    public static CustomerStatusProcess start(CustomerStatusSettings settings, Path appJar) {
        int port = settings.httpPort() == 0 ? ComponentProcess.freePort() : settings.httpPort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + settings.jdbcUrl(),
                "--spring.datasource.username=" + settings.user(),
                "--ficus.component.bootstrap-servers=" + settings.bootstrapServers(),
                "--ficus.component.topic=" + settings.topic(),
                "--ficus.component.consumer-group=" + settings.consumerGroup()));
        Path log;
        try {
            log = Files.createTempFile("ficus-" + settings.consumerGroup() + "-", ".log");
        } catch (IOException e) {
            throw new FicusException.Unavailable("customer-status: cannot create a log file: " + e.getMessage(), e);
        }
        var spec = new ComponentProcess.Spec(settings.consumerGroup(), appJar,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), args,
                Map.of("SPRING_DATASOURCE_PASSWORD", settings.password()), port, log, Duration.ofSeconds(120),
                Duration.ofSeconds(30));
        return new CustomerStatusProcess(ComponentProcess.start(spec), settings);
    }

    /** See the class comment. */
    public static Path defaultAppJar() {
        String property = System.getProperty(APP_JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "ficus",
                "ficus-customer-status-app", VERSION, "ficus-customer-status-app-" + VERSION + "-exec.jar");
    }

    /** The port of the HTTP API on 127.0.0.1. */
    public int httpPort() {
        return process.httpPort();
    }

    /** Events applied since the service started (0 when it does not answer). */
    public long appliedCount() {
        return counter("applied");
    }

    /** Events that changed nothing since the service started. */
    public long skippedCount() {
        return counter("skipped");
    }

    /** Records dead-lettered since the service started. */
    public long deadLetterCount() {
        return counter("deadLettered");
    }

    /** The service's {@code GET /ficus/component} answer: counters, lag, dead-letter topic. */
    public Optional<JsonNode> componentInfo() {
        return process.get("/ficus/component").map(body -> {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new FicusException.OperationFailed("customer-status answered /ficus/component with "
                        + "something that is not JSON: " + body, e);
            }
        });
    }

    private long counter(String name) {
        return componentInfo().map(n -> n.path(name).asLong()).orElse(0L);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public CustomerStatusSettings settings() {
        return settings;
    }

    /** The last lines of the service's log. */
    public String logTail() {
        return process.logTail();
    }

    /** Stops the service gracefully (SIGTERM, bounded wait). */
    @Override
    public void close() {
        process.close();
    }
}
