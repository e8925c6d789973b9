package ficus.acl.customer;

import static ficus.acl.customer.LegacyCust.ID;
import static ficus.acl.customer.LegacyCust.ada;
import static ficus.acl.customer.LegacyCust.at;
import static ficus.acl.customer.LegacyCust.delete;
import static ficus.acl.customer.LegacyCust.insert;
import static ficus.acl.customer.LegacyCust.read;
import static ficus.acl.customer.LegacyCust.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.acl.customer.CustomerEvent.CustomerClosed;
import ficus.acl.customer.CustomerEvent.CustomerDetailsChanged;
import ficus.acl.customer.CustomerEvent.CustomerRegistered;
import ficus.acl.customer.CustomerEvent.CustomerRemoved;
import ficus.acl.customer.CustomerEvent.CustomerStatusChanged;
import ficus.acl.translation.Change;
import ficus.acl.translation.Origin;
import ficus.acl.translation.Row;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Reject;
import ficus.acl.translation.TranslationResult.Skip;
import ficus.acl.translation.UntranslatableException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden cases: a legacy row before/after (and what was published before) → the event, or no event. */
class CustomerTranslationTest {

    private static final CustomerState ADA_PROSPECT = new CustomerState(ID, "Ada Lovelace", "ada@example.org",
            CustomerStatus.PROSPECT, LegacyCust.CREATED);

    private final CustomerTranslation translation = new CustomerTranslation();

    /** What the runtime would have stored after publishing {@code row} at {@code position}. */
    private Optional<CustomerSnapshot> published(LegacyCust row, SourcePosition position) {
        return Optional.of(new CustomerSnapshot(ID, translation.project(row.row()), position, false, "some-id"));
    }

    private CustomerEvent single(TranslationResult<CustomerEvent> result) {
        assertThat(result).isInstanceOf(Emit.class);
        List<CustomerEvent> events = ((Emit<CustomerEvent>) result).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    @Test
    void shouldRegisterAnInsertedCustomerWithAllFieldsChanged() {
        Change change = insert(ada(), at(100));
        CustomerEvent event = single(translation.translate(change, Optional.empty()));
        assertThat(event).isInstanceOf(CustomerRegistered.class);
        assertThat(event.customerId()).isEqualTo(ID);
        assertThat(event.state()).isEqualTo(ADA_PROSPECT.withParts(null, 0)); // the aggregate knows it has no open leads
        assertThat(event.changed()).containsExactly(CustomerField.values());
        assertThat(event.position()).isEqualTo(at(100));
        assertThat(event.commitTime()).isEqualTo(LegacyCust.COMMIT);
        assertThat(event.eventId()).isEqualTo(CustomerTranslation.eventId(LegacyCust.ORIGIN, at(100), ID,
                CustomerEventType.REGISTERED));
    }

    @Test
    void shouldPublishAStatusChangeWithThePreviousStatus() {
        LegacyCust before = ada();
        LegacyCust after = before.with("cst_stat", "A").with("upd_ts", LegacyCust.CREATED_MICROS + 5);
        CustomerEvent event = single(translation.translate(update(before, after, at(200)), published(before, at(100))));
        assertThat(event).isInstanceOfSatisfying(CustomerStatusChanged.class, changed -> {
            assertThat(changed.previousStatus()).isEqualTo(CustomerStatus.PROSPECT);
            assertThat(changed.state().status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(changed.changed()).containsExactly(CustomerField.STATUS);
        });
    }

    @Test
    void shouldPublishCustomerClosedWhenTheStatusBecomesX() {
        LegacyCust before = ada().with("cst_stat", "A");
        LegacyCust after = before.with("cst_stat", "X");
        CustomerEvent event = single(translation.translate(update(before, after, at(200)), published(before, at(100))));
        assertThat(event).isInstanceOfSatisfying(CustomerClosed.class, closed -> {
            assertThat(closed.previousStatus()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(closed.state().status()).isEqualTo(CustomerStatus.CLOSED);
            assertThat(closed.changed()).containsExactly(CustomerField.STATUS);
        });
    }

    @Test
    void shouldPublishDetailsChangedWhenOnlyTheEmailChanges() {
        LegacyCust before = ada();
        LegacyCust after = before.with("cst_eml", "ada@lovelace.org");
        CustomerEvent event = single(translation.translate(update(before, after, at(200)), published(before, at(100))));
        assertThat(event).isInstanceOf(CustomerDetailsChanged.class);
        assertThat(event.changed()).containsExactly(CustomerField.EMAIL);
        assertThat(event.state().email()).isEqualTo("ada@lovelace.org");
    }

    @Test
    void shouldPublishOneStatusEventListingEveryChangedFieldWhenStatusAndNameChangeTogether() {
        LegacyCust before = ada();
        LegacyCust after = before.with("cst_stat", "S").with("cst_nm", "Augusta Ada King");
        CustomerEvent event = single(translation.translate(update(before, after, at(200)), published(before, at(100))));
        assertThat(event).isInstanceOf(CustomerStatusChanged.class);
        assertThat(event.changed()).containsExactly(CustomerField.NAME, CustomerField.STATUS);
    }

    @Test
    void shouldSkipTheNightlyTouchThatChangesNoMappedColumn() {
        LegacyCust before = ada();
        LegacyCust after = before.with("upd_ts", LegacyCust.CREATED_MICROS + 86_400_000_000L).with("upd_by", "NIGHTLY")
                .with("cst_nts", Row.UNAVAILABLE_VALUE);
        TranslationResult<CustomerEvent> result = translation.translate(update(before, after, at(200)),
                published(before, at(100)));
        assertThat(result).isInstanceOfSatisfying(Skip.class, skip -> {
            assertThat(skip.duplicate()).isFalse();
            assertThat(skip.why()).contains("no mapped column");
        });
    }

    @Test
    void shouldRemoveADeletedCustomerWithoutState() {
        CustomerEvent event = single(translation.translate(delete(ada(), at(300)), published(ada(), at(100))));
        assertThat(event).isInstanceOf(CustomerRemoved.class);
        assertThat(event.state()).isNull();
        assertThat(event.changed()).isEmpty();
        assertThat(event.customerId()).isEqualTo(ID);
    }

    @Test
    void shouldRemoveADeletedCustomerEvenIfThisLayerNeverPublishedIt() {
        LegacyCust keyOnly = ada();
        Change change = delete(keyOnly, at(300));
        assertThat(single(translation.translate(change, Optional.empty()))).isInstanceOf(CustomerRemoved.class);
    }

    @Test
    void shouldSkipADeleteOfAnAlreadyRemovedCustomer() {
        Optional<CustomerSnapshot> removed = Optional.of(new CustomerSnapshot(ID, null, at(300), true, "x"));
        assertThat(translation.translate(delete(ada(), at(400)), removed)).isInstanceOf(Skip.class);
    }

    @Test
    void shouldRegisterACustomerAgainWhenItReappearsAfterRemoval() {
        Optional<CustomerSnapshot> removed = Optional.of(new CustomerSnapshot(ID, null, at(300), true, "x"));
        assertThat(single(translation.translate(insert(ada(), at(400)), removed)))
                .isInstanceOf(CustomerRegistered.class);
    }

    @Test
    void shouldSkipAChangeAtTheLastPublishedPositionAsDuplicate() {
        LegacyCust before = ada();
        Change change = update(before, before.with("cst_stat", "A"), at(200));
        CustomerSnapshot afterPublishing = CustomerSnapshot.after(single(translation.translate(change,
                published(before, at(100)))));
        TranslationResult<CustomerEvent> replay = translation.translate(change, Optional.of(afterPublishing));
        assertThat(replay).isInstanceOfSatisfying(Skip.class, skip -> assertThat(skip.duplicate()).isTrue());
    }

    @Test
    void shouldSkipAChangeOlderThanTheLastPublishedPositionAsDuplicate() {
        LegacyCust before = ada();
        TranslationResult<CustomerEvent> result = translation.translate(
                update(before, before.with("cst_stat", "A"), at(150)), published(before, at(200)));
        assertThat(result).isInstanceOfSatisfying(Skip.class, skip -> {
            assertThat(skip.duplicate()).isTrue();
            assertThat(skip.why()).contains("duplicate").contains(at(150).format()).contains(at(200).format());
        });
    }

    @Test
    void shouldRejectAnUnknownStatusCodeNamingColumnAndValue() {
        LegacyCust before = ada();
        TranslationResult<CustomerEvent> result = translation.translate(
                update(before, before.with("cst_stat", "Z"), at(200)), published(before, at(100)));
        assertThat(result).isInstanceOfSatisfying(Reject.class, reject -> assertThat(reject.reason())
                .contains("cst_stat").contains("'Z'").contains(Long.toString(ID)));
    }

    @Test
    void shouldRejectARowMissingAMappedColumn() {
        TranslationResult<CustomerEvent> result = translation.translate(insert(ada().without("cst_stat"), at(100)),
                Optional.empty());
        assertThat(result).isInstanceOfSatisfying(Reject.class,
                reject -> {
                    assertThat(reject.reason()).contains("schema drift").contains("cst_stat").contains("is missing");
                    assertThat(reject.kind()).isEqualTo(ficus.acl.translation.RejectionKind.SCHEMA_DRIFT);
                });
    }

    @Test
    void shouldRejectAChangeWithoutCustomerId() {
        TranslationResult<CustomerEvent> result = translation.translate(insert(ada().without("cust_id"), at(100)),
                Optional.empty());
        assertThat(result).isInstanceOfSatisfying(Reject.class,
                reject -> assertThat(reject.reason()).contains("cust_id"));
    }

    @Test
    void shouldSkipASnapshotReadOfAKnownUnchangedCustomer() {
        TranslationResult<CustomerEvent> result = translation.translate(read(ada(), 500),
                Optional.of(new CustomerSnapshot(ID, ADA_PROSPECT, SourcePosition.snapshot(400), false, "x")));
        assertThat(result).isInstanceOfSatisfying(Skip.class, skip -> {
            assertThat(skip.duplicate()).isFalse();
            assertThat(skip.why()).contains("snapshot read");
        });
    }

    @Test
    void shouldRegisterACustomerFirstSeenByASnapshotRead() {
        CustomerEvent event = single(translation.translate(read(ada(), 500), Optional.empty()));
        assertThat(event).isInstanceOf(CustomerRegistered.class);
        assertThat(event.position().format()).isEqualTo("0/0000000000000000/00000000000001F4");
    }

    @Test
    void shouldRejectAChangeOfAnotherTable() {
        Change change = new Change(ficus.acl.translation.Operation.CREATE, null, ada().row(), at(100),
                LegacyCust.COMMIT, new Origin("legacy", "crm", "lead"));
        assertThat(translation.translate(change, Optional.empty())).isInstanceOf(Reject.class);
    }

    @Test
    void shouldKeepTheLastKnownNameWhenTheRowCarriesTheToastPlaceholder() {
        LegacyCust before = ada();
        LegacyCust after = before.with("cst_nm", Row.UNAVAILABLE_VALUE).with("cst_stat", "A");
        CustomerEvent event = single(translation.translate(update(before, after, at(200)), published(before, at(100))));
        assertThat(event.state().name()).isEqualTo("Ada Lovelace");
        assertThat(event.changed()).containsExactly(CustomerField.STATUS);
    }

    @Test
    void shouldRejectTheToastPlaceholderWhenNoEarlierValueIsKnown() {
        TranslationResult<CustomerEvent> result = translation.translate(
                insert(ada().with("cst_nm", Row.UNAVAILABLE_VALUE), at(100)), Optional.empty());
        assertThat(result).isInstanceOfSatisfying(Reject.class,
                reject -> assertThat(reject.reason()).contains("cst_nm").contains("placeholder"));
    }

    @Test
    void shouldGiveTheSameChangeTheSameEventIdAndAnotherChangeAnotherId() {
        CustomerEvent first = single(translation.translate(insert(ada(), at(100)), Optional.empty()));
        CustomerEvent again = single(new CustomerTranslation().translate(insert(ada(), at(100)), Optional.empty()));
        CustomerEvent later = single(translation.translate(insert(ada(), at(108)), Optional.empty()));
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
        assertThat(translation.project(Row.of(jdbc))).isEqualTo(translation.project(ada().row()))
                .isEqualTo(ADA_PROSPECT);
    }

    @Test
    void shouldProjectANullEmailAsNull() {
        assertThat(translation.project(ada().with("cst_eml", null).row()).email()).isNull();
    }

    @Test
    void shouldThrowFromProjectForAnUntranslatableRow() {
        assertThatThrownBy(() -> translation.project(ada().with("cst_stat", "Q").row()))
                .isInstanceOf(UntranslatableException.class).hasMessageContaining("'Q'")
                .extracting(e -> ((UntranslatableException) e).column()).isEqualTo("cst_stat");
    }

    @Test
    void shouldTranslateEveryKnownStatusCode() {
        assertThat(List.of("P", "A", "S", "X").stream().map(code -> CustomerStatus.forCode(code).orElseThrow()))
                .containsExactly(CustomerStatus.PROSPECT, CustomerStatus.ACTIVE, CustomerStatus.SUSPENDED,
                        CustomerStatus.CLOSED);
        assertThat(CustomerStatus.forCode("Z")).isEmpty();
        assertThat(CustomerStatus.forCode(null)).isEmpty();
    }
}
