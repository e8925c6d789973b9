package __PACKAGE__;

import static __PACKAGE__.generated.Tables.APPLIED_EVENT;
import static __PACKAGE__.generated.Tables.SEEN___TABLE_CONST__;

import __PACKAGE__.contract.__EVENT__;
import __PACKAGE__.contract.__READER__;
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

/**
 * The __NAME__ component: its own database, the events of {@code __TOPIC__} through the component kit, read into the
 * records generated from the topic's contract ({@code src/main/contract/__TOPIC__}, package {@code
 * __PACKAGE__.contract}).
 */
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
        Subscription subscription = Subscription.to(topic).as(NAME);
        for (String type : __READER__.TYPES) { // every event type of the contract; the kit skips others
            subscription.on(type, __CLASS__Component::apply);
        }
        return new __CLASS__Component(dataSource, subscription.start(bootstrapServers, dsl));
    }

    /**
     * Applies one event, writing through {@code d.tx()}: the rows commit together with the kit's applied position, or
     * not at all. An event id applied before changes nothing.
     */
    private static void apply(Delivery<JsonNode> d) {
        __EVENT__ event;
        try {
            event = __READER__.read(d.event().type(), d.data());
        } catch (__READER__.UnreadableEvent e) {
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
        // One case per event type of the contract; the compiler says which one is missing when the contract grows.
        // Replace these with what your component does.
        boolean removed = switch (event) {
__EVENT_CASES__
        };
        d.tx().insertInto(SEEN___TABLE_CONST__)
                .set(SEEN___TABLE_CONST__.SUBJECT, d.event().subject())
                .set(SEEN___TABLE_CONST__.LAST_EVENT_TYPE, d.event().type())
                .set(SEEN___TABLE_CONST__.POSITION, d.event().position())
                .set(SEEN___TABLE_CONST__.REMOVED, removed)
                .onConflict(SEEN___TABLE_CONST__.SUBJECT).doUpdate()
                .set(SEEN___TABLE_CONST__.LAST_EVENT_TYPE, d.event().type())
                .set(SEEN___TABLE_CONST__.POSITION, d.event().position())
                .set(SEEN___TABLE_CONST__.REMOVED, removed)
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
