package ficus.kit.process;

import ficus.core.FicusException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component service (a Spring Boot {@code *-exec.jar}) in a JVM of its own, started by a host that must not have
 * Spring on its class path (the CLI, next to its Kafka Connect worker) and by the ITs. {@link #start} returns once the
 * service answers {@code GET /actuator/health} with 200; {@link #close()} sends SIGTERM, which makes Spring close
 * the context gracefully (the component's consumer finishes the event in hand and commits), and waits.
 */
public final class ComponentProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What to start.
     *
     * @param name     the component's name, for logs and messages
     * @param jar      the executable jar
     * @param args     program arguments, e.g. {@code --server.port=8080}
     * @param env      extra environment (secrets go here, not into the arguments)
     * @param httpPort the port the service listens on (the host chose it: see {@link #freePort()})
     * @param log      where the child's stdout and stderr go
     */
    public record Spec(String name, Path jar, List<String> jvmArgs, List<String> args, Map<String, String> env,
                       int httpPort, Path log, Duration startTimeout, Duration stopTimeout) {

        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(jar, "jar");
            jvmArgs = List.copyOf(jvmArgs);
            args = List.copyOf(args);
            env = Map.copyOf(env);
            Objects.requireNonNull(log, "log");
            startTimeout = startTimeout == null ? Duration.ofSeconds(90) : startTimeout;
            stopTimeout = stopTimeout == null ? Duration.ofSeconds(30) : stopTimeout;
        }
    }

    private final Spec spec;
    private final Process process;

    private ComponentProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /**
     * @throws FicusException.BadInput    when the jar does not exist
     * @throws FicusException.Unavailable when the service did not become healthy in time (the log's tail is in the
     *                                    message) or the JVM could not be started
     */
    public static ComponentProcess start(Spec spec) {
        if (!Files.isRegularFile(spec.jar())) {
            throw new FicusException.BadInput(spec.name() + ": executable jar " + spec.jar()
                    + " does not exist; build it with mvn -pl <its module> package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmArgs());
        command.add("-jar");
        command.add(spec.jar().toString());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.log().toFile()));
        builder.environment().putAll(spec.env());
        Process process;
        try {
            Files.createDirectories(spec.log().toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new FicusException.Unavailable(spec.name() + ": could not start " + command.getFirst() + ": "
                    + e.getMessage(), e);
        }
        ComponentProcess started = new ComponentProcess(spec, process);
        try {
            started.awaitHealthy();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        LOG.info("{}: running as pid {} on http://127.0.0.1:{} (log {})", spec.name(), process.pid(),
                spec.httpPort(), spec.log());
        return started;
    }

    /** A free port on 127.0.0.1 to hand to a child (the child binds it a moment later). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new FicusException.Unavailable("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(spec.startTimeout());
        URI health = uri("/actuator/health");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new FicusException.Unavailable(spec.name() + " exited with code " + process.exitValue()
                        + " while starting; its log ends with:\n" + logTail(), null);
            }
            Optional<String> body = get(health);
            if (body.isPresent() && body.get().contains("\"UP\"")) {
                return;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FicusException.Unavailable(spec.name() + ": interrupted while starting", e);
            }
        }
        throw new FicusException.Unavailable(spec.name() + " did not report healthy at " + health + " within "
                + spec.startTimeout() + "; its log ends with:\n" + logTail(), null);
    }

    /** {@code GET http://127.0.0.1:<port><path>}: the body of a 200 answer, empty otherwise. */
    public Optional<String> get(String path) {
        return get(uri(path));
    }

    private static Optional<String> get(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + spec.httpPort() + path);
    }

    public int httpPort() {
        return spec.httpPort();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Spec spec() {
        return spec;
    }

    /** The last lines of the child's log. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(spec.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + spec.log() + ")";
        }
    }

    /** SIGTERM, then waits up to the stop timeout for a graceful stop; kills the JVM only after that. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: pid {} did not stop within {}; killing it", spec.name(), process.pid(),
                        spec.stopTimeout());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
