package ficus.samples.crm;

import static ficus.samples.crm.LegacyCust.ID;
import static ficus.samples.crm.LegacyCust.ada;
import static ficus.samples.crm.LegacyCust.at;
import static ficus.samples.crm.LegacyCust.insert;
import static ficus.samples.crm.LegacyCust.read;
import static ficus.samples.crm.LegacyCust.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.aggregate.FieldValues;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.Origin;
import ficus.acl.translation.RejectionKind;
import ficus.acl.translation.Row;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Reject;
import ficus.acl.translation.TranslationResult.Skip;
import ficus.acl.translation.UntranslatableException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What of the customer translation's golden cases needs Java, on the generic engine ({@link AggregateTranslation} with
 * the CRM's spec): event ids, positions and commit times, why a change is skipped (duplicate or not), projection of a
 * JDBC row. Everything about which events and dead letters come out is in {@code translations/customer.cases/}.
 */
class CustomerTranslationTest {

    private static final AggregateKey KEY = AggregateKey.of(ID);

    private final AggregateTranslation translation = new AggregateTranslation(CrmSample.customerSpec(),
            JsonSupport.DOCUMENTS);
    private Aggregate aggregate;

    private TranslationResult<DomainEvent> apply(Change change) {
        AggregateTranslation.Step step = translation.apply(change, KEY, aggregate);
        if (step.next() != null) {
            aggregate = step.next();
        }
        return step.result();
    }

    private DomainEvent single(Change change) {
        TranslationResult<DomainEvent> result = apply(change);
        assertThat(result).isInstanceOf(Emit.class);
        List<DomainEvent> events = ((Emit<DomainEvent>) result).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    @Test
    void shouldRegisterAnInsertedCustomerAtItsPositionWithItsCommitTimeAndDeterministicId() {
        DomainEvent event = single(insert(ada(), at(100)));
        assertThat(event.type()).isEqualTo("CustomerRegistered");
        assertThat(event.key()).isEqualTo(KEY);
        assertThat(event.changed()).containsExactly("customerId", "name", "email", "status", "registeredAt",
                "address", "openLeads");
        assertThat(event.position()).isEqualTo(at(100));
        assertThat(event.commitTime()).isEqualTo(LegacyCust.COMMIT);
        assertThat(event.eventId()).isEqualTo(translation.eventId(LegacyCust.ORIGIN, at(100), KEY,
                "crm.CustomerRegistered.v1"));
        // the id the customer-only layer gave this change
        assertThat(event.eventId().toString()).isEqualTo(java.util.UUID.nameUUIDFromBytes(("customer|legacy.crm.cust|"
                + at(100).format() + "|1000001|crm.CustomerRegistered.v1").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    @Test
    void shouldSkipTheNightlyTouchThatChangesNoMappedColumnAsNoDuplicate() {
        single(insert(ada(), at(100)));
        LegacyCust touched = ada().with("upd_ts", LegacyCust.CREATED_MICROS + 86_400_000_000L)
                .with("upd_by", "NIGHTLY").with("cst_nts", Row.UNAVAILABLE_VALUE);
        assertThat(apply(update(ada(), touched, at(200)))).isInstanceOfSatisfying(Skip.class, skip -> {
            assertThat(skip.duplicate()).isFalse();
            assertThat(skip.why()).contains("no mapped column");
        });
    }

    @Test
    void shouldSkipAChangeAtTheLastPublishedPositionAsDuplicate() {
        single(insert(ada(), at(100)));
        Change change = update(ada(), ada().with("cst_stat", "A"), at(200));
        single(change);
        assertThat(apply(change)).isInstanceOfSatisfying(Skip.class, skip -> assertThat(skip.duplicate()).isTrue());
    }

    @Test
    void shouldSkipAChangeOlderThanTheLastPublishedPositionAsDuplicateNamingBothPositions() {
        single(insert(ada(), at(200)));
        assertThat(apply(update(ada(), ada().with("cst_stat", "A"), at(150)))).isInstanceOfSatisfying(Skip.class,
                skip -> {
                    assertThat(skip.duplicate()).isTrue();
                    assertThat(skip.why()).contains("duplicate").contains(at(150).format())
                            .contains(at(200).format());
                });
    }

    @Test
    void shouldRejectAnUnknownStatusCodeNamingColumnValueAndCustomer() {
        single(insert(ada(), at(100)));
        assertThat(apply(update(ada(), ada().with("cst_stat", "Z"), at(200)))).isInstanceOfSatisfying(Reject.class,
                reject -> {
                    assertThat(reject.kind()).isEqualTo(RejectionKind.UNKNOWN_CODE);
                    assertThat(reject.reason()).contains("cst_stat").contains("'Z'").contains(Long.toString(ID));
                });
    }

    @Test
    void shouldSkipASnapshotReadOfAKnownUnchangedCustomerAsNoDuplicate() {
        single(read(ada(), 400));
        assertThat(apply(read(ada(), 500))).isInstanceOfSatisfying(Skip.class, skip -> {
            assertThat(skip.duplicate()).isFalse();
            assertThat(skip.why()).contains("snapshot read");
        });
    }

    @Test
    void shouldRegisterACustomerFirstSeenByASnapshotReadAtItsSnapshotPosition() {
        DomainEvent event = single(read(ada(), 500));
        assertThat(event.type()).isEqualTo("CustomerRegistered");
        assertThat(event.position().format()).isEqualTo("0/0000000000000000/00000000000001F4");
    }

    @Test
    void shouldRejectAChangeOfATableTheSpecDoesNotRead() {
        Change change = new Change(Operation.CREATE, null, ada().row(), at(100), LegacyCust.COMMIT,
                new Origin("legacy", "crm", "invoice"));
        assertThat(translation.reads(change.origin())).isFalse();
        assertThat(apply(change)).isInstanceOfSatisfying(Reject.class,
                reject -> assertThat(reject.reason()).contains("does not read crm.invoice"));
    }

    @Test
    void shouldGiveTheSameChangeTheSameEventIdAndAnotherChangeAnotherId() {
        DomainEvent first = single(insert(ada(), at(100)));
        DomainEvent again = new AggregateTranslation(CrmSample.customerSpec(), JsonSupport.DOCUMENTS)
                .apply(insert(ada(), at(100)), KEY, null).result() instanceof Emit<DomainEvent> emit
                ? emit.events().getFirst() : null;
        aggregate = null;
        DomainEvent later = single(insert(ada(), at(108)));
        assertThat(again).isNotNull();
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(later.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void shouldProjectAJdbcRowExactlyAsTheDebeziumRow() {
        Map<String, Object> jdbc = new HashMap<>();
        jdbc.put("cust_id", ID);
        jdbc.put("cst_nm", "Ada Lovelace");
        jdbc.put("cst_eml", "ada@example.org");
        jdbc.put("cst_stat", "P");
        jdbc.put("natl_id", "756.1234.5678.97");
        jdbc.put("crt_ts", LocalDateTime.of(2023, 11, 14, 22, 13, 20));
        FieldValues fromJdbc = translation.project(Row.of(jdbc));
        assertThat(fromJdbc).isEqualTo(translation.project(ada().row()));
        assertThat(fromJdbc.asMap()).containsEntry("customerId", ID).containsEntry("name", "Ada Lovelace")
                .containsEntry("email", "ada@example.org").containsEntry("status", "PROSPECT")
                .containsEntry("registeredAt", LegacyCust.CREATED);
    }

    @Test
    void shouldThrowFromProjectForAnUntranslatableRowNamingTheColumn() {
        assertThatThrownBy(() -> translation.project(ada().with("cst_stat", "Q").row()))
                .isInstanceOf(UntranslatableException.class).hasMessageContaining("'Q'")
                .extracting(e -> ((UntranslatableException) e).column()).isEqualTo("cst_stat");
    }
}
