package ficus.components.ordertracking;

import static ficus.components.ordertracking.generated.Tables.APPLIED_EVENT;
import static ficus.components.ordertracking.generated.Tables.TRACKED_ORDER;

import ficus.components.ordertracking.contract.OrderEvent;
import ficus.components.ordertracking.contract.OrderEventReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.kit.consume.UnusableEvent;
import java.io.OutputStream;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The order-tracking component: its own database, the events of {@code sales.order.v1} through the component kit, read
 * into the records generated from the topic's contract ({@code src/main/contract/sales.order.v1}, package
 * {@code ficus.components.ordertracking.contract}). It keeps every order as the last event applied says it is
 * ({@code tracked_order}: status, total, lines, customer) and each event id once ({@code applied_event}).
 */
public final class OrderTrackingComponent implements AutoCloseable {

    public static final String NAME = "order-tracking";
    public static final String CHANGELOG = "ficus/components/ordertracking/db/changelog.yaml";

    private final HikariDataSource dataSource;
    private final ComponentConsumer consumer;

    private OrderTrackingComponent(HikariDataSource dataSource, ComponentConsumer consumer) {
        this.dataSource = dataSource;
        this.consumer = consumer;
    }

    public static OrderTrackingComponent start(String bootstrapServers, String topic, String jdbcUrl, String user,
                                           String password) {
        return start(bootstrapServers, topic, jdbcUrl, user, password, ficus.kit.consume.ApplyListener.NONE);
    }

    /** @param listener hears of every event applied or skipped (e.g. to measure freshness) */
    public static OrderTrackingComponent start(String bootstrapServers, String topic, String jdbcUrl, String user,
                                           String password, ficus.kit.consume.ApplyListener listener) {
        return start(bootstrapServers, topic, jdbcUrl, user, password, listener, null);
    }

    /**
     * @param listener      hears of every event applied or skipped (e.g. to measure freshness)
     * @param meterRegistry where the kit's meters and the consumer's client metrics go (the host process serves it);
     *                      null: a private registry
     */
    public static OrderTrackingComponent start(String bootstrapServers, String topic, String jdbcUrl, String user,
                                           String password, ficus.kit.consume.ApplyListener listener,
                                           io.micrometer.core.instrument.MeterRegistry meterRegistry) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        Subscription subscription = Subscription.to(topic).as(NAME).listener(listener);
        if (meterRegistry != null) {
            subscription.meterRegistry(meterRegistry);
        }
        for (String type : OrderEventReader.TYPES) { // every event type of the contract; the kit skips others
            subscription.on(type, OrderTrackingComponent::apply);
        }
        return new OrderTrackingComponent(dataSource, subscription.start(bootstrapServers, dsl));
    }

    /**
     * Applies one event, writing through {@code d.tx()}: the rows commit together with the kit's applied position, or
     * not at all. An event id applied before changes nothing.
     */
    private static void apply(Delivery<JsonNode> d) {
        OrderEvent event;
        try {
            event = OrderEventReader.read(d.event().type(), d.data());
        } catch (OrderEventReader.UnreadableEvent e) {
            throw new UnusableEvent("it does not fit the contract: " + e.getMessage());
        }
        int first = d.tx().insertInto(APPLIED_EVENT)
                .set(APPLIED_EVENT.EVENT_ID, d.event().id())
                .set(APPLIED_EVENT.EVENT_TYPE, d.event().type())
                .set(APPLIED_EVENT.SUBJECT, d.event().subject())
                .set(APPLIED_EVENT.POSITION, d.event().position())
                .set(APPLIED_EVENT.APPLIED_AT, d.appliedAt())
                .onConflictDoNothing()
                .execute();
        if (first == 0) {
            return;
        }
        // one case per event type of the contract: the compiler says which one is missing when the contract grows
        switch (event) {
            case OrderEvent.OrderPlaced e -> track(d, e.state());
            case OrderEvent.OrderCancelled e -> track(d, e.state());
            case OrderEvent.OrderShipped e -> track(d, e.state());
            case OrderEvent.OrderStatusChanged e -> track(d, e.state());
            case OrderEvent.OrderChanged e -> track(d, e.state());
            case OrderEvent.OrderRemoved e -> d.tx().update(TRACKED_ORDER)
                    .set(TRACKED_ORDER.REMOVED, true)
                    .set(TRACKED_ORDER.LAST_EVENT_TYPE, d.event().type())
                    .set(TRACKED_ORDER.POSITION, d.event().position())
                    .where(TRACKED_ORDER.TENANT.eq(e.tenant()), TRACKED_ORDER.ORDER_NO.eq(e.orderNo()))
                    .execute();
        }
    }

    /** The order as {@code state} says it is now. */
    private static void track(Delivery<JsonNode> d, OrderEvent.State state) {
        // a part is never required by the contract (adding one stays compatible): no list is no lines
        List<OrderEvent.Line> orderLines = state.lines() == null ? List.of() : state.lines();
        int lines = orderLines.size();
        long quantity = orderLines.stream().mapToLong(OrderEvent.Line::quantity).sum();
        String customer = state.customer() == null ? null : state.customer().name();
        d.tx().insertInto(TRACKED_ORDER)
                .set(TRACKED_ORDER.TENANT, state.tenant())
                .set(TRACKED_ORDER.ORDER_NO, state.orderNo())
                .set(TRACKED_ORDER.STATUS, state.status().wire())
                .set(TRACKED_ORDER.TOTAL, state.total())
                .set(TRACKED_ORDER.CURRENCY, state.currency())
                .set(TRACKED_ORDER.LINE_COUNT, lines)
                .set(TRACKED_ORDER.QUANTITY, quantity)
                .set(TRACKED_ORDER.CUSTOMER_NAME, customer)
                .set(TRACKED_ORDER.SHIPMENTS, state.shipments())
                .set(TRACKED_ORDER.REMOVED, false)
                .set(TRACKED_ORDER.LAST_EVENT_TYPE, d.event().type())
                .set(TRACKED_ORDER.POSITION, d.event().position())
                .onConflict(TRACKED_ORDER.TENANT, TRACKED_ORDER.ORDER_NO).doUpdate()
                .set(TRACKED_ORDER.STATUS, state.status().wire())
                .set(TRACKED_ORDER.TOTAL, state.total())
                .set(TRACKED_ORDER.CURRENCY, state.currency())
                .set(TRACKED_ORDER.LINE_COUNT, lines)
                .set(TRACKED_ORDER.QUANTITY, quantity)
                .set(TRACKED_ORDER.CUSTOMER_NAME, customer)
                .set(TRACKED_ORDER.SHIPMENTS, state.shipments())
                .set(TRACKED_ORDER.REMOVED, false)
                .set(TRACKED_ORDER.LAST_EVENT_TYPE, d.event().type())
                .set(TRACKED_ORDER.POSITION, d.event().position())
                .execute();
    }

    /** Liquibase logs through java.util.logging: its progress lines are not the component's output. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static void migrate(DataSource dataSource) {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(OrderTrackingComponent.class.getClassLoader()),
                    Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService()), () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .setOutput(OutputStream.nullOutputStream())
                        .execute();
            });
        } catch (Exception e) {
            throw new IllegalStateException(NAME + ": could not migrate its schema: " + e.getMessage(), e);
        }
    }

    public long appliedCount() {
        return consumer.appliedCount();
    }

    public long skippedCount() {
        return consumer.skippedCount();
    }

    public long deadLetterCount() {
        return consumer.deadLetterCount();
    }

    @Override
    public void close() {
        consumer.close();
        dataSource.close();
    }
}
