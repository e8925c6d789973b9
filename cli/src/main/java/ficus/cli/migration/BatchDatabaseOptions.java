package ficus.cli.migration;

import javax.sql.DataSource;

import picocli.CommandLine.Option;

/** Ficus's own database, where Spring Batch keeps its job repository (schema ficus_batch); never the legacy one. */
public final class BatchDatabaseOptions {

    @Option(names = "--batch-url", paramLabel = "JDBC_URL",
            description = "Ficus's own database for the job repository (schema ficus_batch); never the legacy one.")
    String url;

    @Option(names = "--batch-user", paramLabel = "USER", description = "User for --batch-url.")
    String user;

    @Option(names = "--batch-password-env", paramLabel = "VAR", description = "Environment variable with its password.")
    String passwordEnv;

    boolean given() {
        return url != null;
    }

    DataSource dataSource() {
        return Jdbc.dataSource("--batch-url", url, user, passwordEnv);
    }
}
