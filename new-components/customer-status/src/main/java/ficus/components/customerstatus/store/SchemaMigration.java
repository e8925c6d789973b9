package ficus.components.customerstatus.store;

import ficus.core.FicusException;
import java.io.OutputStream;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Brings the component's database up to its Liquibase changelog (which includes the component kit's). */
public final class SchemaMigration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SchemaMigration.class);

    public static final String CHANGELOG = "ficus/components/customerstatus/db/changelog.yaml";

    private SchemaMigration() {
    }

    public static void migrate(DataSource dataSource, String where) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    Scope.Attr.logService.name(), new LiquibaseToSlf4j(),
                    AnalyticsArgs.ENABLED.getKey(), false);
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .setOutput(OutputStream.nullOutputStream())
                        .execute();
            });
            LOG.info("customer-status: schema in {} is up to date with {}", where, CHANGELOG);
        } catch (Exception e) {
            throw new FicusException.OperationFailed("could not migrate the customer-status schema in " + where
                    + " with " + CHANGELOG + ": " + e.getMessage(), e);
        }
    }
}
