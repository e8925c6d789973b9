package ficus.cli.migration;

import ficus.cli.connectors.PlanFile;
import ficus.connectors.legacy.LegacyDatabase;
import ficus.connectors.plan.CapturePlan;
import ficus.migration.prepare.LegacyPrerequisites;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ficus prepare PLAN [--sql | --rollback]}. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {
            "Makes the legacy database ready for the plan's capture with Liquibase",
            "changesets that each have a rollback: a replication role with least privilege",
            "(REPLICATION, SELECT on the captured tables only), the publication for the",
            "captured tables, heartbeat and signal tables, REPLICA IDENTITY FULL where the",
            "plan needs before-images. --sql prints a psql script for a DBA to review and",
            "run instead (it reads the catalog, changes nothing, runs again safely); --rollback",
            "undoes what prepare applied, its bookkeeping schema ficus_prepare included.",
            "Afterwards 'ficus connectors preflight' passes."})
public final class PrepareCommand implements Callable<Integer> {

    @Mixin
    PlanFile plan;

    @Option(names = "--sql", description = "Print the SQL as a psql script (psql -v ON_ERROR_STOP=1"
            + " -v ficus_replication_password=... -f FILE); change nothing.")
    boolean sql;

    @Option(names = "--rollback", description = "Undo what prepare applied.")
    boolean rollback;

    @Option(names = "--admin-url", paramLabel = "JDBC_URL",
            description = "Connect as an administrator instead of the plan's user (jdbc:postgresql://host:port/db).")
    String adminUrl;

    @Option(names = "--admin-user", paramLabel = "USER", description = "Administrator user for --admin-url.")
    String adminUser;

    @Option(names = "--admin-password-env", paramLabel = "VAR",
            description = "Environment variable with the administrator's password.")
    String adminPasswordEnv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (sql && rollback) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sql and --rollback exclude each other");
        }
        CapturePlan loaded = plan.load();
        PrintWriter out = spec.commandLine().getOut();
        DataSource ds = adminUrl == null ? LegacyDatabase.dataSource(loaded)
                : Jdbc.dataSource("--admin-url", adminUrl, adminUser, adminPasswordEnv);
        if (sql) {
            out.println(LegacyPrerequisites.sql(loaded, ds).stripTrailing());
            return 0;
        }
        if (rollback) {
            int undone = LegacyPrerequisites.rollback(loaded, ds);
            out.println("prepare: rolled back " + undone + " changesets on " + loaded.connection().host() + ":"
                    + loaded.connection().port() + "/" + loaded.connection().database());
            return 0;
        }
        LegacyPrerequisites.Result result = LegacyPrerequisites.apply(loaded, ds);
        out.println("prepare: " + result.changeSets() + " changesets applied on " + loaded.connection().host() + ":"
                + loaded.connection().port() + "/" + loaded.connection().database()
                + (result.roleCreated() ? " (replication role created)" : "")
                + "; check with: ficus connectors preflight " + plan.file());
        return 0;
    }
}
