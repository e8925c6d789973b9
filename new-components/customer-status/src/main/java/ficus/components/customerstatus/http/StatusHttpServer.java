package ficus.components.customerstatus.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ficus.core.FicusException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@link StatusApi} with the JDK's HTTP server on 127.0.0.1 (no servlet container, no Jetty). */
public final class StatusHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static StatusHttpServer start(int port, StatusApi api) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new FicusException.Unavailable("customer-status could not listen on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, api));
        server.start();
        return new StatusHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, StatusApi api) throws IOException {
        try (exchange) {
            StatusApi.Response response;
            try {
                response = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            } catch (RuntimeException e) {
                LOG.warn("customer-status: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = new StatusApi.Response(503,
                        "{\"status\":503,\"error\":\"the status store is not available\"}");
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
