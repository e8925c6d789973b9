package ficus.components.customerstatus;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import ficus.components.customerstatus.http.StatusApi;
import ficus.components.customerstatus.http.StatusHttpServer;
import ficus.components.customerstatus.store.CustomerStatusStore;
import ficus.components.customerstatus.store.SchemaMigration;
import ficus.core.FicusException;
import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Subscription;
import ficus.kit.outbox.Outbox;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first carved-off component: keeps every customer's current status fresh from {@code crm.customer.v1} in its own
 * database and answers {@code GET /customers/{id}/status}.
 *
 * <pre>{@code
 * try (var component = CustomerStatusComponent.start(CustomerStatusSettings.of(bootstrap, jdbcUrl, user, pw))) {
 *     int port = component.httpPort();
 * }
 * }</pre>
 *
 * {@link #start} migrates the schema (Liquibase), opens the HTTP API and subscribes, then returns; consuming goes on
 * in the background until {@link #close()}.
 */
public final class CustomerStatusComponent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerStatusComponent.class);

    private final CustomerStatusSettings settings;
    private final HikariDataSource dataSource;
    private final StatusHttpServer http;
    private final ComponentConsumer consumer;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private CustomerStatusComponent(CustomerStatusSettings settings, HikariDataSource dataSource,
                                    StatusHttpServer http, ComponentConsumer consumer) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.http = http;
        this.consumer = consumer;
    }

    /**
     * @throws FicusException.BadInput    when a setting is unusable
     * @throws FicusException.Unavailable when the database or the HTTP port cannot be had
     */
    public static CustomerStatusComponent start(CustomerStatusSettings settings) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            HikariDataSource dataSource = dataSource(settings);
            opened.push(dataSource);
            SchemaMigration.migrate(dataSource, settings.jdbcUrl());
            DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
            CustomerStatusStore store = new CustomerStatusStore();

            StatusHttpServer http = StatusHttpServer.start(settings.httpPort(),
                    new StatusApi(customerId -> store.find(dsl, customerId)));
            opened.push(http);

            Subscription subscription = Subscription.to(settings.topic())
                    .as(settings.consumerGroup())
                    .listener(settings.listener());
            if (settings.meterRegistry() != null) {
                subscription.meterRegistry(settings.meterRegistry());
            }
            ComponentConsumer consumer = new CustomerStatusProjection(store, new Outbox()).subscribe(subscription)
                    .start(settings.bootstrapServers(), dsl);
            LOG.info("customer-status: serving http://127.0.0.1:{}/customers/{{id}}/status, consuming {} as {}",
                    http.port(), settings.topic(), settings.consumerGroup());
            return new CustomerStatusComponent(settings, dataSource, http, consumer);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static HikariDataSource dataSource(CustomerStatusSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.consumerGroup());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FicusException.Unavailable("customer-status cannot reach its database " + settings.jdbcUrl()
                    + " as " + settings.user() + ": " + rootMessage(e), e);
        }
    }

    /** The port of the HTTP API on 127.0.0.1. */
    public int httpPort() {
        return http.port();
    }

    /** Events applied since start. */
    public long appliedCount() {
        return consumer.appliedCount();
    }

    /** Events that changed nothing since start (duplicates, replays, older positions). */
    public long skippedCount() {
        return consumer.skippedCount();
    }

    /** Records that could not be used since start (each went to the dead-letter topic). */
    public long poisonCount() {
        return consumer.poisonCount();
    }

    /** Records written to the dead-letter topic {@code <consumer group>.dlq} since start. */
    public long deadLetterCount() {
        return consumer.deadLetterCount();
    }

    /** The kit's consumer (meters, dead-letter topic, retries). */
    public ComponentConsumer consumer() {
        return consumer;
    }

    /** True while the consumer loop runs. */
    public boolean isRunning() {
        return consumer.isRunning();
    }

    public CustomerStatusSettings settings() {
        return settings;
    }

    /** Stops consuming (the event in hand is finished and committed), then the HTTP API, then the pool. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        parts.push(dataSource);
        parts.push(http);
        parts.push(consumer);
        closeAll(parts, null);
    }

    private static void closeAll(Deque<AutoCloseable> parts, RuntimeException primary) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else {
                    LOG.warn("customer-status: closing failed: {}", e.toString());
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
