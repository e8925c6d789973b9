package ficus.migration.backfill;

import ficus.migration.CrmSample;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/** A backfill in a child JVM, for the kill-and-restart test: args = legacy url, ficus url, database, source, slot,
 * bootstrap servers, replay topic, user, password[, spec location (file or classpath:...; default the bundled
 * spec)]. */
public final class BackfillMain {

    private BackfillMain() {
    }

    public static void main(String[] args) {
        Backfill.run(settings(args), p -> System.out.println(p.render()));
    }

    public static BackfillSettings settings(String[] args) {
        return new BackfillSettings(dataSource(args[0], args[7], args[8]), args[2], args[3], args[4],
                dataSource(args[1], args[7], args[8]), args[5], args[6], args.length > 9 && !args[9].equals("customer") ? TranslationSpecLoader.load(args[9])
                        : CrmSample.spec(), null, 50,
                2, 1_500, Map.of());
    }

    private static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
