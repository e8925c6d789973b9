package ficus.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ficus.core.FicusException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one Prometheus endpoint of a {@code ficus} process: {@code GET /metrics} answers the scrape of a
 * {@link PrometheusMeterRegistry} (text exposition format) that everything in the process registers with (the layer,
 * an in-process component, the JVM). The JDK's HTTP server, so no web framework meets Kafka Connect's Jetty on the
 * class path.
 *
 * <pre>{@code
 * try (MetricsEndpoint metrics = MetricsEndpoint.start("127.0.0.1", 9464, "--metrics-port")) {
 *     AntiCorruptionLayer.start(settings, metrics.registry());
 *     ... // curl http://127.0.0.1:9464/metrics
 * }
 * }</pre>
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The Prometheus exporters' customary port. */
    public static final int DEFAULT_PORT = 9464;
    public static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final JvmGcMetrics gc;

    private MetricsEndpoint(PrometheusMeterRegistry registry, HttpServer server, ExecutorService executor,
                            JvmGcMetrics gc) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
        this.gc = gc;
    }

    /**
     * Binds {@code host:port} (0: a free port) and serves {@code /metrics}; JVM metrics are bound at once.
     *
     * @param option the option that chose the port, named in the message when it cannot be had
     * @throws FicusException.BadInput when the port is in use or the host is not an address of this machine
     */
    public static MetricsEndpoint start(String host, int port, String option) {
        if (port < 0 || port > 65535) {
            throw new FicusException.BadInput(option + " " + port + " is not a port (0..65535; 0 picks a free one)");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new FicusException.BadInput(option + ": metrics host '" + host + "' is not an address of this "
                    + "machine");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new FicusException.BadInput(option + " " + port + ": " + host + ":" + port + " is in use (or not "
                    + "an address of this machine); choose another port, or 0 for a free one");
        } catch (IOException e) {
            throw new FicusException.BadInput(option + " " + port + ": cannot listen on " + host + ":" + port + ": "
                    + e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ficus-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, registry));
        server.start();
        return new MetricsEndpoint(registry, server, executor, gc);
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!PATH.equals(path)) {
                send(exchange, 404, "not found: the metrics are at " + PATH + "\n");
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                send(exchange, 405, "GET " + PATH + "\n");
            } else {
                exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
                send(exchange, 200, registry.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Where everything in the process registers its meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The port it listens on (the free one it got, when asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>/metrics}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort()
                + PATH);
    }

    /** The text a scrape gets now. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops answering and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        gc.close();
        registry.close();
    }
}
