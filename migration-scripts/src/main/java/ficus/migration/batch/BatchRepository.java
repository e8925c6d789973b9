package ficus.migration.batch;

import ficus.core.FicusException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's job repository over JDBC in Ficus's own schema {@value #SCHEMA} (tables {@code ficus_batch.batch_*}),
 * in a Ficus database or the component's — never in the legacy schema. The schema is created on first use from
 * Spring Batch's own {@code schema-postgresql.sql}.
 *
 * @param jobRepository      where job and step executions and their execution contexts (the restart points) live
 * @param transactionManager the chunk transactions (over the same data source)
 * @param jobOperator        runs jobs synchronously on the caller's thread
 */
public record BatchRepository(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              TaskExecutorJobOperator jobOperator) {

    public static final String SCHEMA = "ficus_batch";

    /** The repository in {@code dataSource}'s database, schema {@value #SCHEMA} (created if missing). */
    public static BatchRepository in(DataSource dataSource) {
        createSchema(dataSource);
        try {
            JdbcTransactionManager tm = new JdbcTransactionManager(dataSource);
            JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
            factory.setDataSource(dataSource);
            factory.setTransactionManager(tm);
            factory.setDatabaseType("POSTGRES");
            factory.setTablePrefix(SCHEMA + ".BATCH_");
            factory.afterPropertiesSet();
            JobRepository repository = factory.getObject();
            TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
            operator.setJobRepository(repository);
            operator.setTaskExecutor(new SyncTaskExecutor());
            operator.setJobRegistry(new org.springframework.batch.core.configuration.support.MapJobRegistry());
            operator.afterPropertiesSet();
            return new BatchRepository(repository, tm, operator);
        } catch (Exception e) {
            throw new FicusException.OperationFailed("could not set up the batch job repository in schema " + SCHEMA
                    + ": " + e.getMessage(), e);
        }
    }

    private static void createSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from information_schema.tables where table_schema = '"
                    + SCHEMA + "' and table_name = 'batch_job_instance'")) {
                if (rs.next()) {
                    return;
                }
            }
            c.setAutoCommit(false);
            s.execute("create schema if not exists " + SCHEMA);
            s.execute("set local search_path to " + SCHEMA);
            for (String statement : springBatchSchema().split(";")) {
                String sql = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .collect(Collectors.joining("\n")).strip();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState())) {
                return; // created concurrently
            }
            throw new FicusException.Unavailable("could not create the batch job repository schema " + SCHEMA + ": "
                    + e.getMessage(), e);
        }
    }

    private static String springBatchSchema() {
        try (InputStream in = JobRepository.class.getClassLoader()
                .getResourceAsStream("org/springframework/batch/core/schema-postgresql.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema-postgresql.sql is not on the class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
