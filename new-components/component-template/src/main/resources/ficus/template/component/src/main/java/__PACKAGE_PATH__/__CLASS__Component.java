package __PACKAGE__;

import static __PACKAGE__.generated.Tables.SEEN_CUSTOMER;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import ficus.kit.consume.ComponentConsumer;
import ficus.kit.consume.Delivery;
import ficus.kit.consume.Subscription;
import ficus.kit.consume.UnusableEvent;
import java.io.OutputStream;
import java.sql.Connection;
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

/** The __NAME__ component: its own database, events from {@code crm.customer.v1} through the component kit. */
public final class __CLASS__Component implements AutoCloseable {

    public static final String NAME = "__NAME__";
    public static final String CHANGELOG = "__PACKAGE_PATH__/db/changelog.yaml";

    private final HikariDataSource dataSource;
    private final ComponentConsumer consumer;

    private __CLASS__Component(HikariDataSource dataSource, ComponentConsumer consumer) {
        this.dataSource = dataSource;
        this.consumer = consumer;
    }

    public static __CLASS__Component start(String bootstrapServers, String topic, String jdbcUrl, String user,
                                           String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        ComponentConsumer consumer = Subscription.to(topic).as(NAME)
                .on("crm.CustomerRegistered.v1", __CLASS__Component::seen)
                .on("crm.CustomerStatusChanged.v1", __CLASS__Component::seen)
                .on("crm.CustomerClosed.v1", __CLASS__Component::seen)
                .on("crm.CustomerDetailsChanged.v1", __CLASS__Component::seen)
                .start(bootstrapServers, dsl);
        return new __CLASS__Component(dataSource, consumer);
    }

    /** Writes through {@code d.tx()}: the row commits together with the kit's applied position, or not at all. */
    private static void seen(Delivery<JsonNode> d) {
        String status = d.data().path("state").path("status").asText(null);
        if (status == null) {
            throw new UnusableEvent("it carries no state.status");
        }
        long customerId = Long.parseLong(d.event().subject());
        d.tx().insertInto(SEEN_CUSTOMER)
                .set(SEEN_CUSTOMER.CUSTOMER_ID, customerId)
                .set(SEEN_CUSTOMER.STATUS, status)
                .set(SEEN_CUSTOMER.POSITION, d.event().position())
                .set(SEEN_CUSTOMER.LAST_EVENT_ID, d.event().id())
                .set(SEEN_CUSTOMER.LEGACY_COMMIT_TIME, d.event().time())
                .onConflict(SEEN_CUSTOMER.CUSTOMER_ID).doUpdate()
                .set(SEEN_CUSTOMER.STATUS, status)
                .set(SEEN_CUSTOMER.POSITION, d.event().position())
                .set(SEEN_CUSTOMER.LAST_EVENT_ID, d.event().id())
                .set(SEEN_CUSTOMER.LEGACY_COMMIT_TIME, d.event().time())
                .execute();
    }

    static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(__CLASS__Component.class.getClassLoader())), () -> {
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

    @Override
    public void close() {
        consumer.close();
        dataSource.close();
    }
}
