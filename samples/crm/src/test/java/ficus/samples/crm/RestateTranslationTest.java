package ficus.acl.customer;

import static ficus.acl.customer.LegacyCust.COMMIT;
import static ficus.acl.customer.LegacyCust.ID;
import static ficus.acl.customer.LegacyCust.ORIGIN;
import static ficus.acl.customer.LegacyCust.ada;
import static ficus.acl.customer.LegacyCust.at;
import static ficus.acl.customer.LegacyCust.delete;
import static ficus.acl.customer.LegacyCust.insert;
import static ficus.acl.customer.LegacyCust.update;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.customer.CustomerEvent.CustomerDetailsChanged;
import ficus.acl.customer.CustomerEvent.CustomerRegistered;
import ficus.acl.customer.CustomerEvent.CustomerRemoved;
import ficus.acl.customer.CustomerEvent.CustomerStatusChanged;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Skip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden cases of re-statement (a re-drive read, {@code source.snapshot: redrive}): the row is applied by the per-row
 * rule, then the aggregate's current state is always published above everything published before.
 */
class RestateTranslationTest {

    private final CustomerTranslation translation = new CustomerTranslation();
    private CustomerAggregate aggregate;

    private CustomerTranslation.Step apply(Change change) {
        CustomerTranslation.Step step = translation.apply(change, ID, aggregate);
        if (step.next() != null) {
            aggregate = step.next();
        }
        return step;
    }

    private CustomerEvent single(Change change) {
        CustomerTranslation.Step step = apply(change);
        assertThat(step.result()).isInstanceOf(Emit.class);
        List<CustomerEvent> events = ((Emit<CustomerEvent>) step.result()).events();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private static Change redrive(LegacyCust row, long snapshotLsn) {
        return new Change(Operation.READ, null, row.row(), SourcePosition.snapshot(snapshotLsn), COMMIT, ORIGIN, true);
    }

    private static Change backfill(LegacyCust row, long snapshotLsn) {
        return new Change(Operation.READ, null, row.row(), SourcePosition.snapshot(snapshotLsn), COMMIT, ORIGIN);
    }

    @Test
    void shouldReEmitTheUnchangedStateAsDetailsChangedWithNothingChangedAboveTheLastPublishedPosition() {
        CustomerEvent registered = single(insert(ada(), at(0x100)));
        CustomerEvent active = single(update(ada(), ada().with("cst_stat", "A"), at(0x200)));
        // an ordinary read of the same row is skipped; the re-drive read of it is not
        assertThat(apply(backfill(ada().with("cst_stat", "A"), 0x900)).result()).isInstanceOf(Skip.class);

        CustomerEvent restated = single(redrive(ada().with("cst_stat", "A"), 0x900));

        assertThat(restated).isInstanceOf(CustomerDetailsChanged.class);
        assertThat(restated.changed()).isEmpty();
        assertThat(restated.state()).isEqualTo(active.state());
        assertThat(restated.position()).isEqualTo(at(0x200).nextRevision());
        assertThat(restated.position().format()).isGreaterThan(active.position().format());
        assertThat(restated.eventId()).isNotIn(registered.eventId(), active.eventId());
        assertThat(aggregate.published().position()).isEqualTo(restated.position());
    }

    @Test
    void shouldNotRollBackTheStateWhenTheRestatedRowIsOlderThanTheStreamedOne() {
        single(insert(ada(), at(0x100)));
        CustomerEvent closed = single(update(ada(), ada().with("cst_stat", "X").with("cst_nm", "Ada King"),
                at(0x200)));

        // a read that saw the row before the streamed update (phase 0 ranks below every streamed change)
        CustomerEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated).isInstanceOf(CustomerDetailsChanged.class);
        assertThat(restated.changed()).isEmpty();
        assertThat(restated.state().status()).isEqualTo(CustomerStatus.CLOSED);
        assertThat(restated.state().name()).isEqualTo("Ada King");
        assertThat(restated.state()).isEqualTo(closed.state());
        assertThat(aggregate.rootPosition()).isEqualTo(at(0x200));
    }

    @Test
    void shouldReEmitCustomerRemovedForARemovedCustomer() {
        single(insert(ada(), at(0x100)));
        CustomerEvent removed = single(delete(ada(), at(0x200)));
        assertThat(apply(backfill(ada(), 0x900)).result()).isInstanceOf(Skip.class);

        CustomerEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated).isInstanceOf(CustomerRemoved.class);
        assertThat(restated.state()).isNull();
        assertThat(restated.position()).isEqualTo(at(0x200).nextRevision());
        assertThat(restated.eventId()).isNotEqualTo(removed.eventId());
        assertThat(aggregate.published().removed()).isTrue();
    }

    @Test
    void shouldStampEachReStatementHigherAndGiveEachItsOwnId() {
        single(insert(ada(), at(0x100)));
        CustomerEvent first = single(redrive(ada(), 0x900));
        CustomerEvent second = single(redrive(ada(), 0x900)); // same snapshot LSN: no WAL written in between

        assertThat(first.position().format()).isEqualTo(at(0x100).format() + "/0001");
        assertThat(second.position().format()).isEqualTo(at(0x100).format() + "/0002");
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void shouldGiveTheSameReStatementOfTheSameAggregateTheSameId() {
        single(insert(ada(), at(0x100)));
        CustomerAggregate before = aggregate;
        CustomerEvent first = single(redrive(ada(), 0x900));
        aggregate = before;
        CustomerEvent again = single(redrive(ada(), 0x900));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldStampTheReStatementWithItsOwnPositionWhenThatIsHigher() {
        single(backfill(ada(), 0x100)); // a backfilled customer: published at phase 0

        CustomerEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated).isInstanceOf(CustomerDetailsChanged.class);
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }

    @Test
    void shouldPublishTheUsualEventWhenTheRestatedRowIsNewerAndChangedIt() {
        single(backfill(ada(), 0x100));

        CustomerEvent restated = single(redrive(ada().with("cst_stat", "A"), 0x900));

        assertThat(restated).isInstanceOf(CustomerStatusChanged.class);
        assertThat(restated.changed()).containsExactly(CustomerField.STATUS);
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }

    @Test
    void shouldRegisterACustomerTheLayerNeverPublished() {
        CustomerEvent restated = single(redrive(ada(), 0x900));
        assertThat(restated).isInstanceOf(CustomerRegistered.class);
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }
}
