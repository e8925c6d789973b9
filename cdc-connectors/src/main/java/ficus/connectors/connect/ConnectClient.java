package ficus.connectors.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.core.FicusException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Kafka Connect REST API, on {@link java.net.http.HttpClient}.
 *
 * <p>Errors: Connect not reachable → {@link FicusException.Unavailable} naming the URL; a 4xx answer →
 * {@link FicusException.BadInput} with Connect's own message; 409 (rebalance in progress) and 5xx are retried with
 * capped exponential backoff and jitter, then reported ({@code Unavailable} for 409/502/503/504, else
 * {@code OperationFailed}). Every request is bounded by the connect and request time-outs of {@link ConnectSettings}.
 */
public final class ConnectClient {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
    private static final Duration STATUS_POLL_INTERVAL = Duration.ofMillis(200);
    /** How long {@link #restart} waits for Connect to show the restart instead of the old FAILED state. */
    public static final Duration RESTART_SETTLE_TIMEOUT = Duration.ofSeconds(10);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final ConnectSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ConnectClient(ConnectSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.trustStore().ifPresent(store -> builder.sslContext(sslContext(store)));
        this.http = builder.build();
    }

    /** An SSL context trusting exactly the certificates of the store (PKCS12 or JKS, detected from the file). */
    static SSLContext sslContext(ConnectSettings.TrustStore store) {
        char[] password = store.password();
        try {
            KeyStore keyStore = KeyStore.getInstance(store.path().toFile(), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new FicusException.BadInput("trust store " + store.path() + " cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; give a PKCS12 or JKS file and its password", e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** A client with default time-outs and retries for a Connect REST URL such as {@code http://localhost:8083}. */
    public static ConnectClient of(String url) {
        return new ConnectClient(ConnectSettings.of(url));
    }

    public URI url() {
        return settings.url();
    }

    /** Asks Connect (and through it the connector plugin) what is wrong with a config. Nothing is created. */
    public ConfigValidation validate(String connectorClass, Map<String, String> config) {
        String path = "/connector-plugins/" + segment(connectorClass) + "/config/validate";
        HttpResponse<String> response = send("PUT", path, config);
        if (response.statusCode() == 404) {
            throw new FicusException.BadInput("Kafka Connect at " + url() + " has no connector plugin " + connectorClass
                    + ": " + message(response) + "; install the plugin on every worker (plugin.path)");
        }
        expectSuccess(response, "PUT " + path);
        JsonNode body = readTree(response, path);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : body.path("configs")) {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(entry.path("definition").path("name").asText("?")), messages);
            }
        }
        return ConfigValidation.of(connectorClass, body.path("error_count").asInt(errors.size()), errors);
    }

    /**
     * Creates the connector or replaces its config ({@code PUT /connectors/{name}/config}).
     *
     * @return true if the connector was created, false if an existing one was updated
     */
    public boolean putConfig(String name, Map<String, String> config) {
        String path = "/connectors/" + segment(name) + "/config";
        HttpResponse<String> response = send("PUT", path, config);
        expectSuccess(response, "PUT " + path);
        return response.statusCode() == 201;
    }

    /** The connector's config as Connect stores it (with {@code name}), or empty if there is no such connector. */
    public Optional<Map<String, String>> config(String name) {
        String path = "/connectors/" + segment(name) + "/config";
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, "GET " + path);
        return Optional.of(read(response, path, STRING_MAP));
    }

    /** The names of all connectors of the cluster. */
    public List<String> connectors() {
        HttpResponse<String> response = send("GET", "/connectors", null);
        expectSuccess(response, "GET /connectors");
        return read(response, "/connectors", STRING_LIST);
    }

    /** The connector's and its tasks' states, or empty if Connect has no status for that name (yet). */
    public Optional<ConnectorStatus> status(String name) {
        String path = "/connectors/" + segment(name) + "/status";
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, "GET " + path);
        JsonNode body = readTree(response, path);
        JsonNode connector = body.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : body.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), ConnectorState.forCode(task.path("state").asText()),
                    task.path("worker_id").asText(null), ConnectorStatus.summarizeTrace(task.path("trace").asText(null))));
        }
        return Optional.of(new ConnectorStatus(body.path("name").asText(name),
                ConnectorState.forCode(connector.path("state").asText()), connector.path("worker_id").asText(null),
                ConnectorStatus.summarizeTrace(connector.path("trace").asText(null)), tasks));
    }

    /**
     * Deletes the connector (its offsets and the replication slot stay).
     *
     * @return true if it existed
     */
    public boolean delete(String name) {
        String path = "/connectors/" + segment(name);
        HttpResponse<String> response = send("DELETE", path, null);
        if (response.statusCode() == 404) {
            return false;
        }
        expectSuccess(response, "DELETE " + path);
        return true;
    }

    /** Pauses the connector and its tasks ({@code PUT /connectors/{name}/pause}); the slot keeps its position. */
    public void pause(String name) {
        lifecycle("PUT", name, "/pause");
    }

    /** Resumes a paused or stopped connector ({@code PUT /connectors/{name}/resume}). */
    public void resume(String name) {
        lifecycle("PUT", name, "/resume");
    }

    /**
     * Stops the connector: its tasks are shut down, its config and offsets stay ({@code PUT /connectors/{name}/stop}).
     * Offsets can only be reset while a connector is stopped.
     */
    public void stop(String name) {
        lifecycle("PUT", name, "/stop");
    }

    /**
     * Restarts the connector and, with {@code includeTasks}, its tasks; with {@code onlyFailed} only the instances that
     * FAILED ({@code POST /connectors/{name}/restart?includeTasks=&onlyFailed=}).
     *
     * <p>Connect records the restart asynchronously, so a status read right after the POST may still show the old
     * FAILED state. This method returns once the status shows no FAILED instance any more (or after
     * {@link #RESTART_SETTLE_TIMEOUT}, when it failed again), so that {@link #awaitRunning} afterwards judges the
     * restarted instances, not the stale state.
     */
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        lifecycle("POST", name, "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed);
        Instant deadline = Instant.now().plus(RESTART_SETTLE_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<ConnectorStatus> status = status(name);
            if (status.isEmpty() || (status.get().state() != ConnectorState.FAILED
                    && status.get().firstFailedTask().isEmpty())) {
                return;
            }
            sleep(STATUS_POLL_INTERVAL);
        }
    }

    /**
     * The connector's source offsets as Connect reports them ({@code GET /connectors/{name}/offsets}):
     * {@code {"offsets": [{"partition": {...}, "offset": {...}}]}}, as a JSON tree of maps, lists and scalars.
     */
    public Map<String, Object> offsets(String name) {
        String path = "/connectors/" + segment(name) + "/offsets";
        HttpResponse<String> response = send("GET", path, null);
        expectFound(response, name);
        expectSuccess(response, "GET " + path);
        return read(response, path, OBJECT_MAP);
    }

    /**
     * Deletes the connector's source offsets ({@code DELETE /connectors/{name}/offsets}), so that it starts over (per
     * its snapshot mode) when resumed. Connect allows this only while the connector is STOPPED.
     *
     * @throws FicusException.BadInput if the connector does not exist or is not STOPPED (saying to stop it first)
     */
    public void resetOffsets(String name) {
        ConnectorStatus status = status(name).orElseThrow(() -> noSuchConnector(name));
        if (status.state() != ConnectorState.STOPPED) {
            throw new FicusException.BadInput("connector " + name + " is " + status.state() + "; offsets can only be"
                    + " reset while it is STOPPED: stop it first (ficus connectors stop " + name + ")");
        }
        String path = "/connectors/" + segment(name) + "/offsets";
        HttpResponse<String> response = send("DELETE", path, null);
        expectFound(response, name);
        expectSuccess(response, "DELETE " + path);
    }

    private void lifecycle(String method, String name, String suffix) {
        String path = "/connectors/" + segment(name) + suffix;
        HttpResponse<String> response = send(method, path, null);
        expectFound(response, name);
        expectSuccess(response, method + " " + path);
    }

    private void expectFound(HttpResponse<String> response, String name) {
        if (response.statusCode() == 404) {
            throw noSuchConnector(name);
        }
    }

    private FicusException.BadInput noSuchConnector(String name) {
        return new FicusException.BadInput("Kafka Connect at " + url() + " has no connector named " + name
                + "; list them with ficus connectors status");
    }

    /**
     * Polls the status until the connector and all its tasks are RUNNING.
     *
     * @throws FicusException.OperationFailed if the connector or a task FAILED (with the first line of its trace), or
     *                                        the time-out passed first (with the last status seen)
     */
    public ConnectorStatus awaitRunning(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<ConnectorStatus> last = Optional.empty();
        while (true) {
            last = status(name);
            if (last.isPresent()) {
                ConnectorStatus status = last.get();
                if (status.state() == ConnectorState.FAILED) {
                    throw new FicusException.OperationFailed("connector " + name + " FAILED on " + status.workerId()
                            + ": " + status.trace());
                }
                Optional<TaskStatus> failed = status.firstFailedTask();
                if (failed.isPresent()) {
                    throw new FicusException.OperationFailed("connector " + name + " task " + failed.get().id()
                            + " FAILED on " + failed.get().workerId() + ": " + failed.get().trace());
                }
                if (status.isRunning()) {
                    return status;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new FicusException.OperationFailed("connector " + name + " is not RUNNING after "
                        + timeout.toSeconds() + " s (" + last.map(ConnectorStatus::summary).orElse("no status yet")
                        + "); see the Connect worker log at " + url());
            }
            sleep(STATUS_POLL_INTERVAL);
        }
    }

    // --- HTTP ------------------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest request = request(method, path, body);
        String what = method + " " + path;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException e) {
                throw new FicusException.Unavailable("Kafka Connect at " + url() + " did not accept a connection within "
                        + settings.connectTimeout().toMillis() + " ms (" + what + "); check the URL and the network", e);
            } catch (HttpTimeoutException e) {
                throw new FicusException.Unavailable("Kafka Connect at " + url() + " did not answer " + what + " within "
                        + settings.requestTimeout().toSeconds() + " s; check the worker's health and log", e);
            } catch (SSLException e) {
                throw new FicusException.Unavailable("Kafka Connect at " + url() + " failed the TLS handshake (" + what
                        + "): " + e.getMessage() + "; check the trust store (ConnectSettings.withTrustStore) and the URL",
                        e);
            } catch (ConnectException e) {
                throw new FicusException.Unavailable("Kafka Connect at " + url() + " is unreachable (connection refused);"
                        + " check the URL and that a Connect worker is running", e);
            } catch (IOException e) {
                throw new FicusException.Unavailable("Kafka Connect at " + url() + " could not be reached for " + what
                        + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FicusException.OperationFailed("interrupted while waiting for Kafka Connect at " + url(), e);
            }
            int status = response.statusCode();
            boolean retriable = status == 409 || status >= 500;
            if (!retriable || attempt >= settings.maxAttempts()) {
                return response;
            }
            Duration wait = backoff(attempt);
            LOG.debug("Kafka Connect answered {} to {} (attempt {}/{}), retrying in {} ms: {}", status, what, attempt,
                    settings.maxAttempts(), wait.toMillis(), message(response));
            sleep(wait);
        }
    }

    /** Capped exponential backoff with "equal jitter": half the step fixed, half random. */
    Duration backoff(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long step = Math.min(cap, initial << Math.min(20, attempt - 1));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        settings.basicAuth().ifPresent(auth -> builder.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((auth.user() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8))));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write request body for " + method + " " + path, e);
            }
        }
        return builder.build();
    }

    private void expectSuccess(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String prefix = "Kafka Connect at " + url() + " answered " + status + " to " + what + ": " + message(response);
        if (status == 401 || status == 403) {
            throw new FicusException.BadInput(prefix + "; check the Connect user and password");
        }
        if (status == 409) {
            throw new FicusException.Unavailable(prefix + " (still rebalancing after " + settings.maxAttempts()
                    + " attempts); try again", null);
        }
        if (status == 502 || status == 503 || status == 504) {
            throw new FicusException.Unavailable(prefix + " (after " + settings.maxAttempts() + " attempts)", null);
        }
        if (status >= 400 && status < 500) {
            throw new FicusException.BadInput(prefix);
        }
        throw new FicusException.OperationFailed(prefix + " (after " + settings.maxAttempts() + " attempts)");
    }

    /** Connect's own error message ({@code {"error_code":..,"message":".."}}) or the start of the body. */
    private String message(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return oneLine(node.get("message").asText());
            }
        } catch (JsonProcessingException ignored) {
            // not JSON: a proxy's page, for instance
        }
        String line = oneLine(body);
        return line.isEmpty() ? "(no message)" : line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private JsonNode readTree(HttpResponse<String> response, String path) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new FicusException.OperationFailed("Kafka Connect at " + url() + " answered " + path
                    + " with something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(HttpResponse<String> response, String path, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new FicusException.OperationFailed("Kafka Connect at " + url() + " answered " + path
                    + " with unexpected JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FicusException.OperationFailed("interrupted while waiting for Kafka Connect at " + url(), e);
        }
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters stay). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
