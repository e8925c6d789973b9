package ficus.cli.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.cli.Ficus;
import ficus.samples.orders.OrdersSample;
import ficus.sandbox.Sandbox;
import ficus.sandbox.SandboxExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ficus connectors preflight PLAN --spec ...}: told which translations the capture feeds, the TOAST check warns
 * about the TOASTable columns they read and passes the ones nobody reads. Over two schemas: a small wiki made here
 * (mixed-case names, a part table) and the orders sample with its own translation.
 */
@ExtendWith(SandboxExtension.class)
class PreflightTranslationsIT {

    private static final String WIKI = "cli_preflight_wiki";
    private static final String ORDERS = OrdersSample.DATABASE; // the sample installs itself into its own database
    private static Sandbox sandbox;
    private static Path dir;

    @BeforeAll
    static void legacyDatabases(Sandbox s) throws Exception {
        sandbox = s;
        s.postgres().createDatabase(WIKI);
        try (Connection c = s.postgres().dataSource(WIKI).getConnection(); Statement st = c.createStatement()) {
            st.execute("create schema \"Wiki\"");
            st.execute("create table \"Wiki\".\"Page\" (page_id bigint primary key, \"Title\" text not null, body text,"
                    + " audit_note text, views int not null default 0)");
            st.execute("create table \"Wiki\".revision (page_id bigint not null, rev int not null, diff text,"
                    + " author_id bigint not null, primary key (page_id, rev))");
        }
        OrdersSample.install(s.postgres().dataSource(WIKI), 5);
        dir = Files.createTempDirectory("ficus-preflight-spec-it-");
    }

    private record Run(int exit, String out, String err) {

        /** The line of one check, e.g. {@code toast "Wiki"."Page"}. */
        String check(String name) {
            return out.lines().filter(l -> l.matches("(PASS|WARN|FAIL)\\s+" + java.util.regex.Pattern.quote(name)
                    + "\\s.*")).findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + out
                    + err));
        }
    }

    private static Run ficus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Ficus.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static Path plan(String name, String database, String tables, String sensitive) throws Exception {
        return write(name + "-plan.yaml", """
                name: %s
                source: %s
                connection:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  password: "%s"
                tables:
                %s
                sensitiveColumns:
                %s
                slot: %s_slot
                publication: %s_pub
                """.formatted(name, name, sandbox.postgres().port(), database, sandbox.legacyPasswordReference(),
                tables, sensitive, name, name));
    }

    private static final String WIKI_SPEC = """
            translation: page
            aggregate: page
            context: wiki
            version: 1
            root:
              table: '"Wiki"."Page"'
              key: page_id
              fields:
                pageId: { column: page_id, type: long, required: true }
                title:  { column: '"Title"', type: string, required: true }
                body:   { column: body, type: string }
              ignore: [audit_note, views]
            parts:
              revisions:
                table: '"Wiki".revision'
                key: [page_id, rev]
                link: [page_id]
                collect: list
                fields:
                  rev:    { column: rev, type: long, required: true }
                  author: { column: author_id, type: long, required: true }
                ignore: [diff]
            events:
              - { on: registered, type: PageCreated }
              - { on: changed, type: PageChanged }
              - { on: removed, type: PageRemoved }
            """;

    @Test
    void shouldWarnOnlyAboutTheToastableColumnsATranslationReads() throws Exception {
        Path plan = plan("wiki", WIKI, "  - '\"Wiki\".\"Page\"'\n  - '\"Wiki\".revision'", "  - '\"Wiki\".\"Page\".audit_note'");
        Path spec = write("wiki/page.yaml", WIKI_SPEC);

        Run told = ficus("connectors", "preflight", plan.toString(), "--spec", spec.getParent().toString());

        assertThat(told.err()).as(told.out()).doesNotContain("Exception");
        assertThat(told.check("toast \"Wiki\".\"Page\"")).startsWith("WARN")
                .contains("read by translation page: \"Title\" text, body text;")
                .contains("keeps the last value it holds for the row, and dead-letters the change when it holds none")
                .contains("beforeImages").doesNotContain("audit_note");
        assertThat(told.out()).contains("fix: ALTER TABLE \"Wiki\".\"Page\" REPLICA IDENTITY FULL;");
        assertThat(told.check("toast \"Wiki\".revision")).startsWith("PASS")
                .contains("can be TOASTed: diff text; no translation reads them");

        Run blind = ficus("connectors", "preflight", plan.toString());

        assertThat(blind.check("toast \"Wiki\".\"Page\"")).startsWith("WARN")
                .contains("can be TOASTed: \"Title\" text, body text;").contains("--spec");
        assertThat(blind.check("toast \"Wiki\".revision")).startsWith("WARN").contains("diff text");
    }

    @Test
    void shouldNameTheOrdersTranslationForTheOrdersTablesItReads() throws Exception {
        Path plan = plan("orders", ORDERS, """
                  - 'erp."Customer"'
                  - 'erp."SalesOrder"'
                  - 'erp."OrderLine"'
                  - erp.shipment""", "  - 'erp.\"Customer\".tax_id'");
        Path spec;
        try (var in = getClass().getClassLoader().getResourceAsStream("ficus/samples/orders/translations/order.yaml")) {
            spec = write("orders/order.yaml", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }

        Run run = ficus("connectors", "preflight", plan.toString(), "--spec", spec.toString());

        assertThat(run.check("toast erp.\"SalesOrder\"")).startsWith("WARN").contains("read by translation order:")
                .contains("notes text");
        assertThat(run.check("toast erp.\"Customer\"")).doesNotContain("tax_id");
    }

    @Test
    void shouldRefuseASpecThatDoesNotLoadInOneLineWithExitCode2() throws Exception {
        Path plan = plan("wikibad", WIKI, "  - '\"Wiki\".\"Page\"'", "  - '\"Wiki\".\"Page\".audit_note'");
        Path spec = write("bad/page.yaml", WIKI_SPEC.replace("type: long, required: true }\n    title",
                "type: lng, required: true }\n    title"));

        Run run = ficus("connectors", "preflight", plan.toString(), "--spec", spec.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("page.yaml:").contains("unknown type");
        assertThat(run.out()).doesNotContain("toast");
    }
}
