package ficus.sandbox.containers;

import ficus.core.FicusException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;

/** Finds the container engine Testcontainers will use, and refuses one the sandbox cannot use, in one line each. */
final class ContainerEngine {

    static final String PREPARE = "run sandbox/containers/prepare";
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private ContainerEngine() {
    }

    /**
     * The engine must answer, and the address Testcontainers reaches its ports on must be this machine's loopback:
     * the sandbox publishes every port on 127.0.0.1 only, and test traffic never goes to a bridge's private address.
     */
    static void requireLocalEngine() {
        String dockerHost = firstSet(System.getProperty("docker.host"), System.getenv("DOCKER_HOST"));
        missingEngine(dockerHost, Files.exists(DEFAULT_SOCKET), configuredInTestcontainersProperties())
                .ifPresent(problem -> {
                    throw new FicusException.Unavailable(problem, null);
                });
        String where = dockerHost != null ? dockerHost : DEFAULT_SOCKET.toString();
        DockerClientFactory docker = DockerClientFactory.instance();
        if (!docker.isDockerAvailable()) {
            throw new FicusException.Unavailable("no container engine answers at " + where + " — " + PREPARE
                    + " (or start Docker)", null);
        }
        String host = docker.dockerHostIpAddress();
        if (!isLoopback(host)) {
            throw new FicusException.Unavailable("the container engine at " + where + " publishes ports on " + host
                    + ", not on this machine's loopback: the sandbox binds every port to 127.0.0.1 — use a local engine"
                    + " and set TESTCONTAINERS_HOST_OVERRIDE=localhost", null);
        }
    }

    /** Why no engine can be found, if none can: no DOCKER_HOST, no default socket, no Testcontainers setting. */
    static Optional<String> missingEngine(String dockerHost, boolean defaultSocketExists, boolean configured) {
        if (dockerHost != null || defaultSocketExists || configured) {
            return Optional.empty();
        }
        return Optional.of("no container engine: DOCKER_HOST unset and " + DEFAULT_SOCKET + " missing — " + PREPARE
                + " (or start Docker)");
    }

    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress address : all) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean configuredInTestcontainersProperties() {
        Path properties = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        try {
            return Files.exists(properties) && Files.readString(properties).contains("docker.host");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
