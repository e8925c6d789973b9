package ficus.contracttypes;

import static ficus.contracttypes.Compiled.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ficus.core.FicusException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractTypesTest {

    static final Path ORDERS = Path.of("src/test/resources/contracts/sales.order.v1");
    static final Path CUSTOMERS = Path.of("src/test/resources/contracts/crm.customer.v1");
    static final String PACKAGE = "ficus.components.ordertracking.contract";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** An OrderPlaced value as the layer's EventJson writes it: every field type of the orders sample. */
    static final String ORDER_PLACED = """
            {"tenant":2,"orderNo":4711,"type":"OrderPlaced","state":{"tenant":2,"orderNo":4711,"status":"PAID",
             "placedAt":"2026-03-01T10:15:30.123456Z","total":"1234.50","currency":"EUR","tags":["gift",null],
             "attributes":{"channel":"web","n":[1,2]},"notes":null,"shipBy":"2026-03-05","pickupTime":"09:30",
             "handling":"P1DT2H30M","publicId":"5f0c8a52-3b7e-4c1e-9d3a-0e4b6f2a9c11","weightKg":"NaN",
             "discountRate":0.15,"gift":true,"signature":"AAEC/w==","touchedAt":"2026-03-01T11:15:30.5",
             "lines":[{"lineNo":1,"sku":"A-1","quantity":3,"unitPrice":"10.00","sortKey":10}],"shipments":0,
             "customer":{"customerId":77,"name":"Müller","segment":"RETAIL","email":null}},
             "changed":["tenant","orderNo","status","lines"]}""";

    @Test
    void shouldGenerateOneSealedInterfaceWithARecordPerEventTypeAndAReader() {
        GeneratedTypes types = ContractTypes.generate(ORDERS, PACKAGE);

        assertThat(types.interfaceName()).isEqualTo("OrderEvent");
        assertThat(types.files()).containsOnlyKeys("ficus/components/ordertracking/contract/OrderEvent.java",
                "ficus/components/ordertracking/contract/OrderEventReader.java");
        assertThat(types.events()).extracting(GeneratedTypes.EventType::name).containsExactly("OrderPlaced",
                "OrderCancelled", "OrderShipped", "OrderStatusChanged", "OrderChanged", "OrderRemoved");
        assertThat(types.events()).filteredOn(e -> !e.carriesState()).extracting(GeneratedTypes.EventType::name)
                .containsExactly("OrderRemoved");
        String source = types.files().get("ficus/components/ordertracking/contract/OrderEvent.java");
        assertThat(source).contains("public sealed interface OrderEvent {", "String TOPIC = \"sales.order.v1\";",
                "long tenant();", "long orderNo();",
                "record OrderCancelled(\n            long tenant,\n            long orderNo,\n            State state,\n"
                        + "            List<Changed> changed,\n            Status previousStatus) implements OrderEvent",
                "record OrderRemoved(\n            long tenant,\n            long orderNo) implements OrderEvent",
                "BigDecimal total", "Instant placedAt", "List<String> tags", "JsonNode attributes", "String notes",
                "LocalDate shipBy", "LocalTime pickupTime", "Interval handling", "UUID publicId", "Double weightKg",
                "boolean gift", "byte[] signature", "LocalDateTime touchedAt", "List<Line> lines", "Long shipments",
                "Customer customer", "record Line(", "BigDecimal unitPrice", "enum Status {", "CANCELLED(\"CANCELLED\")",
                "ORDER_NO(\"orderNo\")");
    }

    @Test
    void shouldReadAnEventOfEveryFieldTypeIntoItsRecord() throws Exception {
        Compiled types = Compiled.compile(ContractTypes.generate(ORDERS, PACKAGE), dir);

        Object placed = types.read("sales.OrderPlaced.v1", JSON.readTree(ORDER_PLACED));

        assertThat(placed.getClass().getSimpleName()).isEqualTo("OrderPlaced");
        assertThat(types.ceTypeOf(placed)).isEqualTo("sales.OrderPlaced.v1");
        assertThat(get(placed, "tenant")).isEqualTo(2L);
        assertThat(get(placed, "state", "status").toString()).isEqualTo("PAID");
        assertThat(get(placed, "state", "placedAt")).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(get(placed, "state", "total")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(get(placed, "state", "tags")).isEqualTo(java.util.Arrays.asList("gift", null));
        assertThat(get(placed, "state", "attributes")).isEqualTo(JSON.readTree("{\"channel\":\"web\",\"n\":[1,2]}"));
        assertThat(get(placed, "state", "notes")).isNull();
        assertThat(get(placed, "state", "shipBy")).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(get(placed, "state", "pickupTime")).isEqualTo(LocalTime.of(9, 30));
        assertThat(get(placed, "state", "handling", "period")).isEqualTo(Period.ofDays(1));
        assertThat(get(placed, "state", "handling", "time")).isEqualTo(Duration.ofMinutes(150));
        assertThat(get(placed, "state", "handling").toString()).isEqualTo("P1DT2H30M");
        assertThat(get(placed, "state", "publicId")).isEqualTo(UUID.fromString("5f0c8a52-3b7e-4c1e-9d3a-0e4b6f2a9c11"));
        assertThat((Double) get(placed, "state", "weightKg")).isNaN();
        assertThat(get(placed, "state", "discountRate")).isEqualTo(0.15);
        assertThat(get(placed, "state", "gift")).isEqualTo(true);
        assertThat((byte[]) get(placed, "state", "signature")).containsExactly(0, 1, 2, 255);
        assertThat(get(placed, "state", "touchedAt")).isEqualTo(LocalDateTime.of(2026, 3, 1, 11, 15, 30, 500_000_000));
        List<?> lines = (List<?>) get(placed, "state", "lines");
        assertThat(lines).hasSize(1);
        assertThat(get(lines.get(0), "unitPrice")).isEqualTo(new BigDecimal("10.00"));
        assertThat(get(placed, "state", "shipments")).isEqualTo(0L);
        assertThat(get(placed, "state", "customer", "name")).isEqualTo("Müller");
        assertThat(get(placed, "state", "customer", "email")).isNull();
        assertThat(((List<?>) get(placed, "changed")).stream().map(Object::toString))
                .containsExactly("TENANT", "ORDER_NO", "STATUS", "LINES");

        Object removed = types.read("sales.OrderRemoved.v1", JSON.readTree(
                "{\"tenant\":2,\"orderNo\":4711,\"type\":\"OrderRemoved\",\"state\":null,\"changed\":[]}"));
        assertThat(removed.getClass().getSimpleName()).isEqualTo("OrderRemoved");
        assertThat(get(removed, "orderNo")).isEqualTo(4711L);
    }

    @Test
    void shouldRejectAValueThatDoesNotFitTheContractSayingWhereAndWhy() throws Exception {
        Compiled types = Compiled.compile(ContractTypes.generate(ORDERS, PACKAGE), dir);
        JsonNode numericTotal = JSON.readTree(ORDER_PLACED.replace("\"total\":\"1234.50\"", "\"total\":1234.5"));
        JsonNode unknownStatus = JSON.readTree(ORDER_PLACED.replace("\"PAID\"", "\"LOST\""));
        JsonNode noCurrency = JSON.readTree(ORDER_PLACED.replace("\"currency\":\"EUR\",", ""));

        assertThatThrownBy(() -> types.read("sales.OrderPlaced.v1", numericTotal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.state.total: expected a decimal as text, found 1234.5");
        assertThatThrownBy(() -> types.read("sales.OrderPlaced.v1", unknownStatus))
                .hasMessage("$.state.status: expected one of [NEW, PAID, SHIPPED, CANCELLED], found \"LOST\"");
        assertThatThrownBy(() -> types.read("sales.OrderPlaced.v1", noCurrency))
                .hasMessage("$.state.currency: missing or null, the contract requires it");
        assertThatThrownBy(() -> types.read("sales.OrderShipped.v1", JSON.readTree(ORDER_PLACED)))
                .hasMessageContaining("the value says \"OrderPlaced\", its ce_type says OrderShipped");
        assertThatThrownBy(() -> types.read("sales.OrderLost.v1", JSON.readTree(ORDER_PLACED)))
                .hasMessageStartingWith("ce_type sales.OrderLost.v1 is not an event type of sales.order.v1");
    }

    @Test
    void shouldFindNoDifferenceInTypesWrittenFromTheSameContract() {
        GeneratedTypes types = ContractTypes.generate(ORDERS, PACKAGE);
        types.write(dir);

        assertThat(ContractTypes.generate(ORDERS, PACKAGE).differences(dir)).isEmpty();
    }

    @Test
    void shouldNameEveryFileThatNoLongerMatchesAContractThatMoved() throws Exception {
        ContractTypes.generate(ORDERS, PACKAGE).write(dir.resolve("src"));
        Path moved = copy(ORDERS, dir.resolve("contract"));
        try (var schemas = Files.list(moved)) { // the spec renamed a field: every event type's state has it
            for (Path schema : schemas.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
                Files.writeString(schema, Files.readString(schema).replace("\"currency\"", "\"currencyCode\""));
            }
        }

        GeneratedTypes now = ContractTypes.generate(moved, PACKAGE);
        List<String> differences = now.differences(dir.resolve("src"));

        assertThat(differences).hasSize(2);
        assertThat(differences.get(0)).startsWith("ficus/components/ordertracking/contract/OrderEvent.java: generated "
                + "from contract sha-256 " + PublishedContract.read(ORDERS).sha256() + ", the contract is now sha-256 "
                + now.contract().sha256() + "; first difference at line ");
        assertThat(String.join("\n", differences)).contains("OrderEventReader.java");
    }

    @Test
    void shouldNameAGeneratedFileTheContractNoLongerHas() throws Exception {
        ContractTypes.generate(ORDERS, PACKAGE).write(dir);
        Path old = dir.resolve("ficus/components/ordertracking/contract/CustomerEvent.java");
        Files.writeString(old, JavaSources.MARK + " from the contract of crm.customer.v1\n");
        Files.writeString(old.resolveSibling("Mine.java"), "// hand-written, not the generator's\n");

        assertThat(ContractTypes.generate(ORDERS, PACKAGE).differences(dir)).containsExactly(
                "ficus/components/ordertracking/contract/CustomerEvent.java: generated from an earlier contract; "
                        + "sales.order.v1 no longer has it");
    }

    @Test
    void shouldGenerateTheCustomerContractToo() throws Exception {
        GeneratedTypes types = ContractTypes.generate(CUSTOMERS, "ficus.components.creditcheck.contract");
        Compiled compiled = Compiled.compile(types, dir);

        Object closed = compiled.read("crm.CustomerClosed.v1", JSON.readTree("""
                {"customerId":7,"type":"CustomerClosed","state":{"customerId":7,"name":"Ada","email":null,
                 "status":"CLOSED","registeredAt":"2026-01-01T00:00:00Z","address":null,"openLeads":0},
                 "changed":["status"],"previousStatus":"ACTIVE"}"""));

        assertThat(types.interfaceName()).isEqualTo("CustomerEvent");
        assertThat(get(closed, "previousStatus").toString()).isEqualTo("ACTIVE");
        assertThat(get(closed, "state", "openLeads")).isEqualTo(0L);
    }

    @Test
    void shouldRefuseAStringEncodingItDoesNotKnowNamingTheFileAndProperty() throws Exception {
        Path changed = copy(ORDERS, dir.resolve("contract"));
        Path placed = changed.resolve("OrderPlaced.schema.json");
        var schema = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(placed.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema.at("/properties/state/properties/total"))
                .put("pattern", "^[0-9]+$");
        JSON.writeValue(placed.toFile(), schema);

        assertThatThrownBy(() -> ContractTypes.generate(changed, PACKAGE))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("asyncapi.yaml: $.state.total: a string with pattern ^[0-9]+$ is no encoding");
    }

    @Test
    void shouldRefuseADirectoryWithoutAContract() {
        assertThatThrownBy(() -> ContractTypes.generate(dir, PACKAGE))
                .isInstanceOf(FicusException.BadInput.class)
                .hasMessageContaining("expected asyncapi.yaml in it or in exactly one of its directories, found none");
    }

    @Test
    void shouldGiveTheSmallestValueOfEveryEventTypeThatItsReaderReads() throws Exception {
        GeneratedTypes types = ContractTypes.generate(ORDERS, PACKAGE);
        Compiled compiled = Compiled.compile(types, dir);

        var examples = ContractExamples.minimal(types.contract());

        assertThat(examples.keySet()).containsExactlyElementsOf(types.events().stream()
                .map(GeneratedTypes.EventType::ceType).toList());
        for (var example : examples.entrySet()) {
            assertThat(compiled.ceTypeOf(compiled.read(example.getKey(), example.getValue())))
                    .isEqualTo(example.getKey());
        }
    }

    static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
