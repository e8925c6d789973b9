package ficus.contracts.wire;

import ficus.acl.spec.FieldType;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.contracts.ContractOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static ficus.contracts.wire.RawRecord.row;
import static ficus.contracts.wire.RawRecord.with;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A translation spec, what its contract needs besides the spec, and raw changes whose translation publishes every event
 * type, every field and every part of it at least once (null and not null where the spec allows both).
 */
public record WireCase(String name, TranslationSpec spec, ContractOptions options, List<RawRecord> records) {

    /** The orders sample's translation and the raw records a real Debezium connector wrote for it. */
    static final Path ORDERS = Path.of("../../samples/orders/src/main/resources/ficus/samples/orders/translations");

    @Override
    public String toString() {
        return name;
    }

    public static List<WireCase> all() {
        List<WireCase> cases = new ArrayList<>(List.of(customer(), subscription()));
        if (Files.isRegularFile(ORDERS.resolve("order.yaml"))) {
            cases.add(orders());
        }
        return cases;
    }

    /** The CRM's customer (the bundled spec): a one-column key, a one part, a count part, a custom converter. */
    public static WireCase customer() {
        Scenario legacy = new Scenario("legacy");
        var cust = legacy.table("crm", "cust", "cust_id");
        var addr = legacy.table("crm", "cust_addr", "addr_id");
        var lead = legacy.table("crm", "lead", "lead_id");
        long micros = 1_700_000_000_123_456L;
        Map<String, Object> prospect = row("cust_id", 1_000_001L, "cst_nm", "Ada Lovelace", "cst_eml",
                "ada@example.org", "cst_stat", "P", "natl_id", "X1", "cst_nts", "notes", "crt_ts", micros,
                "upd_ts", micros, "upd_by", "APP");
        Map<String, Object> home = row("addr_id", 7L, "cust_id", 1_000_001L, "addr_typ", "H", "ln1", "1 New Street",
                "cty", "Porto", "zip", "4000", "ctry", "pt", "upd_ts", micros);
        addr.insert(home);                                                          // before its customer
        cust.insert(prospect);                                                      // CustomerRegistered
        lead.insert(row("lead_id", 11L, "cust_id", 1_000_001L, "src", "WEB", "scr", 50, "ld_stat", "N",
                "crt_ts", micros));                                                 // openLeads 1: details
        Map<String, Object> active = with(prospect, "cst_stat", "A");
        cust.update(prospect, active);                                              // CustomerStatusChanged
        Map<String, Object> noEmail = with(active, "cst_eml", null);
        cust.update(active, noEmail);                                               // CustomerDetailsChanged
        addr.delete(home);                                                          // address null
        Map<String, Object> closed = with(noEmail, "cst_stat", "X");
        cust.update(noEmail, closed);                                               // CustomerClosed
        cust.delete(closed);                                                        // CustomerRemoved
        cust.insert(with(with(prospect, "cust_id", 1_000_002L), "cst_eml", null));  // no address, no e-mail
        return new WireCase("customer", ficus.samples.crm.CrmSample.customerSpec(),
                ContractOptions.NONE.withCaptureSource("legacy").withConverter("country-code", FieldType.STRING),
                legacy.records());
    }

    /** The test spec {@code subscription.yaml}: composite key, every field type, every kind of part. */
    public static WireCase subscription() {
        Scenario legacy = new Scenario("legacy");
        var subscription = legacy.table("billing", "Subscription", "Tenant", "SubNo");
        var item = legacy.table("billing", "SubscriptionItem", "Tenant", "SubNo", "ItemNo");
        var account = legacy.table("billing", "Account", "AccountId");
        var invoice = legacy.table("billing", "invoice", "invoice_id");
        var ticket = legacy.table("billing", "ticket", "ticket_id");
        short tenant = 3;
        long subNo = 9_000_000_001L;
        String logo = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, -1});
        Map<String, Object> trial = row("Tenant", tenant, "SubNo", subNo, "AccountId", 77L, "plan_code", "B",
                "Phase", "TRIAL", "price", "19.90", "discount", 0.125, "auto_renew", "Y", "starts_on", 20_526,
                "billing_time", 34_200_000_000L, "created_local", 1_773_460_613_589_793L,
                "activated_at", "2026-03-14T04:56:53.5897+01:00", "grace_period", "P1M3DT4H5M6.78S",
                "external_id", "4f0c2a9e-3b1d-4c5e-9a7f-1e2d3c4b5a69",
                "settings", "{\"channel\": \"web\", \"limits\": {\"seats\": [5, 10]}, \"trial\": true}",
                "logo", logo, "labels", List.of("gold", "eu, west", "say \"hi\""), "seat_counts",
                java.util.Arrays.asList(5L, null, 10L), "region", "eu-west", "Note", "first",
                "updated_by", "APP");
        Map<String, Object> owner = row("AccountId", 77L, "Name", "Acme", "email", "billing@acme.example",
                "vip", false);
        account.insert(owner);                                                       // referenced before the root
        subscription.insert(trial);                                                  // SubscriptionStarted
        item.insert(itemRow(tenant, subNo, 1, "SKU-C", 30));
        item.insert(itemRow(tenant, subNo, 2, "SKU-A", 10));
        item.insert(itemRow(tenant, subNo, 3, "SKU-B", 20));                         // SubscriptionUpdated (items)
        invoice.insert(invoiceRow(501, tenant, subNo, "OPEN"));
        invoice.insert(invoiceRow(502, tenant, subNo, "PAID"));                      // not counted
        invoice.insert(invoiceRow(503, tenant, subNo, "OVERDUE"));                   // openInvoices 2
        ticket.insert(row("ticket_id", 601L, "Tenant", tenant, "SubNo", subNo));     // hasTickets
        Map<String, Object> repriced = with(with(trial, "price", "24.50"), "plan_code", "P");
        subscription.update(trial, repriced);                                        // SubscriptionRepriced
        account.update(owner, with(owner, "vip", true));                             // fans out: SubscriptionUpdated
        Map<String, Object> active = with(repriced, "Phase", "ACTIVE");
        subscription.update(repriced, active);                                       // SubscriptionUpdated
        Map<String, Object> ended = with(active, "Phase", "ENDED");
        subscription.update(active, ended);                                          // SubscriptionEnded (changed)
        subscription.delete(ended);                                                  // SubscriptionEnded (removed)

        // a second subscription: every optional field null, empty arrays, no account, no parts
        Map<String, Object> bare = row("Tenant", tenant, "SubNo", 2L, "AccountId", 78L, "plan_code", "E",
                "Phase", "ACTIVE", "price", "0.00", "discount", null, "auto_renew", "N", "starts_on", -3,
                "billing_time", null, "created_local", null, "activated_at", null, "grace_period", null,
                "external_id", "00000000-0000-0000-0000-000000000000", "settings", null, "logo", null,
                "labels", List.of(), "seat_counts", null, "region", null, "Note", null, "updated_by", null);
        subscription.insert(bare);
        subscription.update(bare, with(bare, "discount", "NaN"));                    // a double JSON has no number for
        return new WireCase("subscription", TranslationSpecLoader.loadResource(
                "ficus/contracts/wire/subscription.yaml"),
                ContractOptions.NONE.withCaptureSource("legacy").withConverter("region", FieldType.STRING),
                legacy.records());
    }

    private static Map<String, Object> itemRow(short tenant, long subNo, long itemNo, String sku, long position) {
        return row("Tenant", tenant, "SubNo", subNo, "ItemNo", itemNo, "sku", sku, "qty", 2L * itemNo,
                "unit_price", "4.50", "pos", position, "added_at", itemNo == 2 ? null : "2026-03-14T03:56:53Z");
    }

    private static Map<String, Object> invoiceRow(long id, short tenant, long subNo, String status) {
        return row("invoice_id", id, "Tenant", tenant, "SubNo", subNo, "inv_status", status, "amount", "10.00");
    }

    private static long lsn(ObjectMapper json, RawRecord record) {
        try {
            return json.readTree(record.value()).path("source").path("lsn").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The orders sample: its spec and the raw records a real Debezium connector wrote for its schema. */
    public static WireCase orders() {
        ObjectMapper json = new ObjectMapper();
        List<RawRecord> records = new ArrayList<>();
        for (String table : List.of("Customer", "OrderLine", "shipment", "SalesOrder")) {
            Path file = ORDERS.resolve("order.cases/raw/orders.erp." + table + ".json");
            try {
                for (JsonNode record : json.readTree(file.toFile())) {
                    records.add(new RawRecord("orders.erp." + table, json.writeValueAsBytes(record.get("key")),
                            json.writeValueAsBytes(record.get("value"))));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        // in commit order, as the workload made them
        records.sort(java.util.Comparator.comparingLong(record -> lsn(json, record)));
        // the recorded workload ships an order and cancels none: two more changes of order 2:4711, in the same encoding
        JsonNode last = null;
        long lsn = 0;
        for (RawRecord record : records) {
            try {
                JsonNode value = json.readTree(record.value());
                lsn = Math.max(lsn, value.path("source").path("lsn").asLong());
                if (record.topic().endsWith(".SalesOrder") && value.path("after").path("OrderNo").asLong() == 4711
                        && value.path("after").path("Tenant").asLong() == 2) {
                    last = value.get("after");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> paid = json.convertValue(last, Map.class);
        Map<String, Object> shipped = with(paid, "status", "SHIPPED");
        List<String> key = List.of("Tenant", "OrderNo");
        records.add(RawRecord.change("orders", "erp", "SalesOrder", key, "u", paid, shipped, lsn + 0x100));
        records.add(RawRecord.change("orders", "erp", "SalesOrder", key, "u", shipped, with(shipped, "status",
                "CANCELLED"), lsn + 0x200));
        return new WireCase("orders", TranslationSpecLoader.load(ORDERS.resolve("order.yaml")),
                ContractOptions.NONE.withCaptureSource("orders"), records);
    }
}
