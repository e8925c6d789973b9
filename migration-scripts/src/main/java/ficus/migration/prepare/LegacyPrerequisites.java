package ficus.migration.prepare;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.publication.Publications;
import ficus.core.FicusException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * {@code ficus prepare <plan> [--sql]}: makes a legacy database ready for a capture plan with Liquibase, reversibly.
 * Entry points for the CLI: {@link #apply}, {@link #sql}, {@link #rollback}, and {@link #changelog} for the changelog
 * itself. Run as a user that owns the captured tables (or a superuser): creating the publication and altering replica
 * identity need ownership.
 *
 * <p>Liquibase keeps its bookkeeping in Ficus's own schema {@value #BOOKKEEPING_SCHEMA} ({@value #CHANGELOG_TABLE},
 * {@value #LOCK_TABLE}), apart from anything else that database runs with Liquibase; {@link #rollback} drops the schema
 * once no plan's changeset is recorded in it, so nothing of Ficus is left behind.
 */
public final class LegacyPrerequisites {

    public static final String BOOKKEEPING_SCHEMA = "ficus_prepare";
    public static final String CHANGELOG_TABLE = "changelog";
    public static final String LOCK_TABLE = "changelog_lock";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LegacyPrerequisites.class);

    private LegacyPrerequisites() {
    }

    /** What {@link #apply} did. */
    public record Result(String changelog, int changeSets, boolean roleCreated) {
    }

    /** The Liquibase changelog (formatted SQL, with rollbacks) for the plan, as a DBA would review it. */
    public static String changelog(CapturePlan plan) {
        return PrerequisiteChangelog.render(plan, PrerequisiteChangelog.Options.defaults());
    }

    /**
     * Applies the prerequisites through {@code dataSource} (an owner of the tables). A role the plan names that already
     * exists is left alone (not created, never dropped by {@link #rollback}); its grants are applied. The role's
     * password is the plan's password reference, resolved here.
     */
    public static Result apply(CapturePlan plan, DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            refuseUnsafeRowFilters(c, plan, "prepare");
            boolean createRole = !roleExists(c, plan.connection().user()) || ranBefore(c, plan, "-role");
            PrerequisiteChangelog.Options options = new PrerequisiteChangelog.Options(createRole,
                    Publications.plan(c, plan));
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + BOOKKEEPING_SCHEMA);
            }
            String password = createRole ? PrerequisiteChangelog.literal(plan.connection().password().resolve())
                    : "NULL";
            run(plan, options, c, password, (scope, db, file) -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, file)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, scope)
                    .setOutput(java.io.OutputStream.nullOutputStream())
                    .execute());
            LOG.info("prepare: {} applied to {} ({} changesets{})", PrerequisiteChangelog.path(plan),
                    plan.connection().database(), PrerequisiteChangelog.changeSetCount(plan, options),
                    createRole ? "" : ", role " + plan.connection().user() + " existed");
            return new Result(PrerequisiteChangelog.path(plan), PrerequisiteChangelog.changeSetCount(plan, options),
                    createRole);
        } catch (SQLException e) {
            throw new FicusException.Unavailable("prepare: cannot reach " + plan.hostAndPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SQL a DBA can review and run instead of {@link #apply}: a psql script that runs as printed on a fresh database
     * and on a prepared one ({@link PrerequisiteChangelog#psqlScript}). Reads the catalog through {@code dataSource}
     * (which roles exist, the columns for the publication's column lists); changes nothing.
     */
    public static String sql(CapturePlan plan, DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            refuseUnsafeRowFilters(c, plan, "prepare --sql");
            boolean createRole = !roleExists(c, plan.connection().user());
            return PrerequisiteChangelog.psqlScript(plan, new PrerequisiteChangelog.Options(createRole,
                    Publications.plan(c, plan)));
        } catch (SQLException e) {
            throw new FicusException.Unavailable("prepare --sql: cannot read the catalog at " + plan.hostAndPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a row filter that is not a valid condition on its table, or that reads columns outside the replica
     * identity the table will have (a {@code beforeImages} table gets REPLICA IDENTITY FULL from the changelog, before
     * the publication): with it, PostgreSQL would refuse every UPDATE and DELETE on the table.
     */
    private static void refuseUnsafeRowFilters(Connection c, CapturePlan plan, String command) throws SQLException {
        ficus.connectors.publication.Catalog catalog = new ficus.connectors.publication.Catalog(c);
        if (plan.rowFilters().isEmpty() || catalog.serverVersion() < 150000) {
            return;
        }
        List<String> unsafe = Publications.rowFilters(c, plan, Publications.facts(catalog, plan)).stream()
                .filter(f -> f.invalid() != null || !f.outsideIdentity().isEmpty()
                        && !plan.beforeImageTables().contains(f.table()))
                .map(Publications.RowFilter::problem).toList();
        if (!unsafe.isEmpty()) {
            throw new FicusException.BadInput(command + ": nothing changed: " + String.join("; ", unsafe));
        }
    }

    /** Rolls back every changeset of the plan's changelog that was applied, newest first. */
    public static int rollback(CapturePlan plan, DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            PrerequisiteChangelog.Options options = new PrerequisiteChangelog.Options(ranBefore(c, plan, "-role"));
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + BOOKKEEPING_SCHEMA);
            }
            int count = PrerequisiteChangelog.changeSetCount(plan, options);
            run(plan, options, c, "NULL", (scope, db, file) -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(liquibase.command.core.helpers.DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, file)
                    .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, scope)
                    .setOutput(java.io.OutputStream.nullOutputStream())
                    .execute());
            dropBookkeepingIfEmpty(c);
            LOG.info("prepare: {} rolled back on {}", PrerequisiteChangelog.path(plan), plan.connection().database());
            return count;
        } catch (SQLException e) {
            throw new FicusException.Unavailable("prepare: cannot reach " + plan.hostAndPort() + ": " + e.getMessage(), e);
        }
    }

    private interface Command {
        void run(liquibase.changelog.ChangeLogParameters parameters, Database database, String file) throws Exception;
    }

    private interface WithFile<T> {
        T run(ResourceAccessor accessor, String file) throws Exception;
    }

    private static void run(CapturePlan plan, PrerequisiteChangelog.Options options, Connection c, String password,
            Command command) {
        try {
            withChangelog(plan, options, (accessor, file) -> {
                Scope.child(scope(accessor), () -> {
                    Database database = DatabaseFactory.getInstance()
                            .findCorrectDatabaseImplementation(new JdbcConnection(c));
                    database.setDatabaseChangeLogTableName(CHANGELOG_TABLE);
                    database.setDatabaseChangeLogLockTableName(LOCK_TABLE);
                    database.setLiquibaseSchemaName(BOOKKEEPING_SCHEMA);
                    command.run(parameters(password), database, file);
                });
                return null;
            });
        } catch (Exception e) {
            throw new FicusException.OperationFailed("prepare: " + PrerequisiteChangelog.path(plan) + " on "
                    + plan.connection().database() + " at " + plan.hostAndPort() + " failed: " + rootMessage(e), e);
        }
    }

    private static liquibase.changelog.ChangeLogParameters parameters(String password) {
        liquibase.changelog.ChangeLogParameters parameters = new liquibase.changelog.ChangeLogParameters();
        parameters.set(PrerequisiteChangelog.PASSWORD_PARAMETER, password);
        return parameters;
    }

    private static <T> T withChangelog(CapturePlan plan, PrerequisiteChangelog.Options options, WithFile<T> body)
            throws Exception {
        Path dir = Files.createTempDirectory("ficus-prepare");
        try {
            Path file = dir.resolve(PrerequisiteChangelog.path(plan));
            Files.createDirectories(file.getParent());
            try (Writer w = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8)) {
                w.write(PrerequisiteChangelog.render(plan, options));
            }
            try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(dir)) {
                return body.run(accessor, PrerequisiteChangelog.path(plan));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    private static Map<String, Object> scope(ResourceAccessor accessor) {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(AnalyticsArgs.ENABLED.getKey(), false);
        return scope;
    }

    /** Drops Ficus's bookkeeping schema once no changeset of any plan is recorded in it. */
    private static void dropBookkeepingIfEmpty(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select count(*) from " + BOOKKEEPING_SCHEMA + "."
                + CHANGELOG_TABLE); ResultSet rs = st.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState()) && !"3F000".equals(e.getSQLState())) {
                throw e;
            }
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + BOOKKEEPING_SCHEMA + " CASCADE");
        }
        if (!c.getAutoCommit()) {
            c.commit(); // Liquibase leaves the connection out of auto-commit
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            st.setString(1, role);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the changeset of this plan with the id suffix is recorded as run. */
    private static boolean ranBefore(Connection c, CapturePlan plan, String suffix) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select 1 from " + BOOKKEEPING_SCHEMA + "." + CHANGELOG_TABLE
                + " where id = ?")) {
            st.setString(1, plan.name() + suffix);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return false; // never prepared
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

}
