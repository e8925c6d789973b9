package ficus.connectors.connect;

import ficus.core.FicusException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a Kafka Connect cluster: its REST URL, optional basic-auth credentials, time-outs and the retry policy
 * for answers that mean "try again" (409 during a rebalance, 5xx).
 *
 * @param maxAttempts    attempts per request, the first included
 * @param initialBackoff the wait before the first retry; doubled on each retry up to {@code maxBackoff}, with jitter
 * @param trustStore     the certificates an {@code https} URL is checked against; empty = the JDK's default trust
 */
public record ConnectSettings(
        URI url,
        Optional<BasicAuth> basicAuth,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Optional<TrustStore> trustStore) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Connect answers within its own 90 s request timeout; validation dials the database, so allow some time. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** User and password for Connect's REST API (BasicAuthSecurityRestExtension). */
    public record BasicAuth(String user, String password) {
        public BasicAuth {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=***]";
        }
    }

    /** A trust store file (PKCS12 or JKS) and its password, for a Connect REST API on https with a private CA. */
    public record TrustStore(Path path, char[] password) {
        public TrustStore {
            Objects.requireNonNull(path, "path");
            password = password == null ? new char[0] : password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "TrustStore[path=" + path + ", password=***]";
        }
    }

    /** Settings without a trust store (JDK default trust for https). */
    public ConnectSettings(URI url, Optional<BasicAuth> basicAuth, Duration connectTimeout, Duration requestTimeout,
                           int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(url, basicAuth, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, Optional.empty());
    }

    public ConnectSettings {
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Defaults for a Connect REST URL such as {@code http://localhost:8083}; a malformed URL is bad input. */
    public static ConnectSettings of(String url) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new FicusException.BadInput("Kafka Connect URL '" + url + "' is malformed: " + e.getReason()
                    + "; use e.g. http://localhost:8083", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new FicusException.BadInput("Kafka Connect URL '" + url
                    + "' is not an http(s) URL with a host; use e.g. http://localhost:8083");
        }
        return new ConnectSettings(uri, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, 6,
                Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    public ConnectSettings withBasicAuth(String user, String password) {
        return new ConnectSettings(url, Optional.of(new BasicAuth(user, password)), connectTimeout, requestTimeout,
                maxAttempts, initialBackoff, maxBackoff, trustStore);
    }

    public ConnectSettings withTimeouts(Duration connect, Duration request) {
        return new ConnectSettings(url, basicAuth, connect, request, maxAttempts, initialBackoff, maxBackoff,
                trustStore);
    }

    public ConnectSettings withRetry(int attempts, Duration initial, Duration max) {
        return new ConnectSettings(url, basicAuth, connectTimeout, requestTimeout, attempts, initial, max, trustStore);
    }

    /**
     * Trust the certificates in this store (PKCS12 or JKS) for an {@code https} URL instead of the JDK's default
     * trust store. The file is read when the client is created; a missing or unreadable one is bad input then.
     */
    public ConnectSettings withTrustStore(Path path, char[] password) {
        return new ConnectSettings(url, basicAuth, connectTimeout, requestTimeout, maxAttempts, initialBackoff,
                maxBackoff, Optional.of(new TrustStore(path, password)));
    }
}
