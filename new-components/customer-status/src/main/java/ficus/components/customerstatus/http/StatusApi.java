package ficus.components.customerstatus.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ficus.components.customerstatus.store.CustomerStatusView;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API of the component as a pure function from method and path to a JSON response, so it is tested without
 * a server. {@link StatusHttpServer} puts it on the wire.
 *
 * <ul>
 *   <li>{@code GET /customers/{id}/status} → 200 {@code {"customerId":..,"status":"ACTIVE","since":"<legacy commit
 *       time>"}}; 404 when unknown or removed; 400 when the id is not a number</li>
 *   <li>{@code GET /health} → 200 {@code {"status":"UP"}}</li>
 * </ul>
 */
public final class StatusApi {

    private static final Pattern STATUS_PATH = Pattern.compile("/customers/([^/]+)/status/?");

    /** A response: status code and JSON body. */
    public record Response(int status, String body) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final LongFunction<Optional<CustomerStatusView>> lookup;

    public StatusApi(LongFunction<Optional<CustomerStatusView>> lookup) {
        this.lookup = lookup;
    }

    public Response handle(String method, String path) {
        if (path.equals("/health")) {
            return "GET".equals(method) ? json(200, mapper.createObjectNode().put("status", "UP")) : notAllowed();
        }
        Matcher m = STATUS_PATH.matcher(path);
        if (!m.matches()) {
            return error(404, "no resource at " + path);
        }
        if (!"GET".equals(method)) {
            return notAllowed();
        }
        long customerId;
        try {
            customerId = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return error(400, "customer id '" + m.group(1) + "' is not a number");
        }
        Optional<CustomerStatusView> found = lookup.apply(customerId);
        if (found.isEmpty()) {
            return error(404, "customer " + customerId + " is not known");
        }
        CustomerStatusView view = found.get();
        if (view.removed()) {
            return error(404, "customer " + customerId + " was removed");
        }
        ObjectNode body = mapper.createObjectNode()
                .put("customerId", view.customerId())
                .put("status", view.status() == null ? null : view.status().name())
                .put("since", view.legacyCommitTime().toString());
        return json(200, body);
    }

    private Response notAllowed() {
        return error(405, "only GET is supported");
    }

    private Response error(int status, String message) {
        return json(status, mapper.createObjectNode().put("status", status).put("error", message));
    }

    private static Response json(int status, ObjectNode body) {
        return new Response(status, body.toString());
    }
}
