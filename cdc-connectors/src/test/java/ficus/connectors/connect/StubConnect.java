package ficus.connectors.connect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A scripted HTTP server on loopback that answers like Kafka Connect's REST API, for testing how the client maps
 * answers to errors and retries. Each request is recorded as "METHOD path" and answered with the next scripted reply
 * for that path prefix (the last reply repeats). Not a model of Connect: the ITs use a real worker.
 */
public final class StubConnect implements AutoCloseable {

    public record Reply(int status, String body) {}

    private record Route(String methodAndPathPrefix, Deque<Reply> replies) {}

    private final HttpServer server;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    public StubConnect() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests starting with {@code "PUT /connectors/x/config"} (method, space, path prefix) in order. */
    public StubConnect on(String methodAndPathPrefix, Reply... replies) {
        routes.add(0, new Route(methodAndPathPrefix, new ArrayDeque<>(List.of(replies))));
        return this;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The raw query string of each request ("" when absent). */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The Authorization header of each request ("" when absent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        requests.add(request);
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query == null ? "" : query);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Reply reply = new Reply(404, "{\"error_code\":404,\"message\":\"no route in stub for " + request + "\"}");
        synchronized (routes) {
            for (Route route : routes) {
                if (request.startsWith(route.methodAndPathPrefix())) {
                    reply = route.replies().size() > 1 ? route.replies().poll() : route.replies().peek();
                    break;
                }
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), reply.status() == 204 ? -1 : body.length);
        if (reply.status() != 204) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
