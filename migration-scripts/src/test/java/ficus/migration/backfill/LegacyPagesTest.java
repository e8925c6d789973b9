package ficus.migration.backfill;

import ficus.migration.CrmSample;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.migration.legacy.LegacyTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backfill's SQL for two specs: the customer (one-column keys) and one with composite, mixed-case keys. */
class LegacyPagesTest {

    private final List<LegacyTable> invoice = LegacyTable.of(
            TranslationSpecLoader.loadResource("ficus/migration/specs/invoice.yaml"));
    private final List<LegacyTable> customer = LegacyTable.of(CrmSample.spec());

    @Test
    void shouldReadOnlyTheColumnsTheTranslationReadsPlusLinksAndVias() {
        assertThat(invoice).extracting(LegacyTable::toString)
                .containsExactly("root billing.Invoice", "part billing.InvoiceLine", "reference billing.Client");
        assertThat(invoice.getFirst().columns()).containsExactly("Region", "InvoiceNo", "issued_at", "amount",
                "due_on", "labels", "extra", "ClientNo");
        assertThat(invoice.get(1).link()).containsExactly("Region", "InvoiceNo");
        assertThat(customer.getFirst().columns()).doesNotContain("natl_id", "cst_nts");
        assertThat(customer.get(1).columns()).contains("addr_typ", "cust_id");
    }

    @Test
    void shouldPageByTheCompositeKeyWithEveryIdentifierQuoted() {
        LegacyPages pages = new LegacyPages(invoice, "amount > 0");

        assertThat(pages.pageSql(true, true)).isEqualTo("select \"Region\", \"InvoiceNo\", issued_at, amount, due_on,"
                + " labels, extra, \"ClientNo\" from billing.\"Invoice\" where (\"Region\", \"InvoiceNo\") > (?, ?)"
                + " and (\"Region\", \"InvoiceNo\") <= (?, ?) and (amount > 0) order by \"Region\", \"InvoiceNo\""
                + " limit ?");
        assertThat(pages.partSql(invoice.get(1))).isEqualTo("select \"Region\", \"InvoiceNo\", \"Pos\", item, price"
                + " from billing.\"InvoiceLine\" where (\"Region\", \"InvoiceNo\") >= (?, ?) and (\"Region\","
                + " \"InvoiceNo\") <= (?, ?) order by \"Region\", \"InvoiceNo\", \"Pos\"");
        assertThat(pages.referencedSql(invoice.get(2), 2)).isEqualTo("select \"ClientNo\", \"Name\" from"
                + " billing.\"Client\" where (\"ClientNo\") in ((?), (?))");
        assertThat(pages.keysSql(2)).contains("where (\"Region\", \"InvoiceNo\") in ((?, ?), (?, ?)) and (amount > 0)");
    }

    @Test
    void shouldPageTheCustomerFromTheStartWithoutALowerBound() {
        LegacyPages pages = new LegacyPages(customer, null);

        assertThat(pages.pageSql(false, false)).isEqualTo("select cust_id, cst_nm, cst_eml, cst_stat, crt_ts from"
                + " crm.cust order by cust_id limit ?");
        assertThat(pages.countSql(true, false)).isEqualTo("select count(*) from crm.cust where (cust_id) > (?)");
    }
}
