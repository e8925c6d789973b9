package ficus.sandbox.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The sample legacy system: a deliberately coupled lead-generation CRM (schema {@code crm}) with seed data. Column
 * names are cryptic, statuses are one-letter codes, the national id must never leave the database, notes are large
 * enough to be TOASTed, addresses and leads hang off customers.
 */
public final class SampleCrm {

    /** Seeded customers have ids 1..n; customers the workload registers come from {@code crm.cust_seq} (1,000,001 up). */
    public static final long FIRST_WORKLOAD_CUSTOMER_ID = 1_000_001L;

    private SampleCrm() {
    }

    /** Creates schema {@code crm} (dropping an earlier one) and seeds {@code customers} customers. */
    public static void install(DataSource legacy, int customers) {
        if (customers < 0 || customers >= FIRST_WORKLOAD_CUSTOMER_ID) {
            throw new IllegalArgumentException("customers must be between 0 and " + (FIRST_WORKLOAD_CUSTOMER_ID - 1));
        }
        try (Connection c = legacy.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists crm cascade");
            s.execute(resource("schema.sql"));
            // Updates need before-images (what changed?) and deletes need the whole row: the CRM's tables log full rows.
            s.execute("alter table crm.cust replica identity full");
            s.execute("alter table crm.cust_addr replica identity full");
            seed(c, customers);
            s.execute("analyze crm.cust");
        } catch (SQLException e) {
            throw new IllegalStateException("could not install the sample CRM: " + e.getMessage(), e);
        }
    }

    private static final String SEED_CUSTOMERS = """
            insert into crm.cust (cust_id, cst_nm, cst_eml, cst_stat, natl_id, cst_nts, crt_ts, upd_ts, upd_by)
            select g,
                   (array['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken','Radia','Tim'])[1 + g % 10]
                     || ' ' || (array['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson',
                                      'Perlman','Berners-Lee'])[1 + (g / 10) % 10] || ' ' || g,
                   case when g % 7 = 0 then null else 'customer' || g || '@example.org' end,
                   (array['P','A','A','A','S','X'])[1 + g % 6],
                   lpad(((g::bigint * 7919) % 1000000000)::text, 9, '0') || 'NI' || (g % 97),
                   case when g % 5 = 0 then repeat('Called customer about renewal; ', 400) else 'short note' end,
                   localtimestamp - ((g % 3650) || ' days')::interval,
                   localtimestamp - ((g % 365) || ' days')::interval,
                   'MIGRATED'
              from generate_series(1, ?) g
            """;
    private static final String SEED_ADDRESSES = """
            insert into crm.cust_addr (cust_id, addr_typ, ln1, cty, zip, ctry)
            select cust_id, 'H', (cust_id % 200) || ' Main Street',
                   (array['Lisbon','Ghent','Lyon','Graz','Turku'])[1 + cust_id % 5],
                   lpad((cust_id % 99999)::text, 5, '0'), (array['PT','BE','FR','AT','FI'])[1 + cust_id % 5]
              from crm.cust
            """;
    private static final String SEED_LEADS = """
            insert into crm.lead (cust_id, src, scr, ld_stat)
            select cust_id, (array['WEB','FAIR','REF','CALL'])[1 + cust_id % 4], (cust_id::bigint * 37) % 101,
                   (array['N','Q','W','L'])[1 + cust_id % 4]
              from crm.cust where cust_id % 2 = 0
            """;

    private static void seed(Connection c, int customers) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(SEED_CUSTOMERS)) {
            insert.setInt(1, customers);
            insert.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(SEED_ADDRESSES);
            s.executeUpdate(SEED_LEADS);
        }
    }

    static String resource(String name) {
        try (InputStream in = SampleCrm.class.getResourceAsStream("/ficus/sandbox/crm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource ficus/sandbox/crm/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
