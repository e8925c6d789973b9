package ficus.samples.crm;

import static ficus.samples.crm.LegacyCust.COMMIT;
import static ficus.samples.crm.LegacyCust.ID;
import static ficus.samples.crm.LegacyCust.ORIGIN;
import static ficus.samples.crm.LegacyCust.ada;
import static ficus.samples.crm.LegacyCust.at;
import static ficus.samples.crm.LegacyCust.delete;
import static ficus.samples.crm.LegacyCust.insert;
import static ficus.samples.crm.LegacyCust.update;
import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.aggregate.Aggregate;
import ficus.acl.aggregate.AggregateKey;
import ficus.acl.aggregate.AggregateTranslation;
import ficus.acl.aggregate.DomainEvent;
import ficus.acl.runtime.JsonSupport;
import ficus.acl.translation.Change;
import ficus.acl.translation.Operation;
import ficus.acl.translation.SourcePosition;
import ficus.acl.translation.TranslationResult.Emit;
import ficus.acl.translation.TranslationResult.Skip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-statement (a re-drive read, {@code source.snapshot: redrive}) on the generic engine with the CRM's spec: the
 * positions and ids of re-stated events. Which events a re-drive yields is in {@code customer.cases/2*-restate-*.yaml}.
 */
class RestateTranslationTest {

    private static final AggregateKey KEY = AggregateKey.of(ID);

    private final AggregateTranslation translation = new AggregateTranslation(CrmSample.customerSpec(),
            JsonSupport.DOCUMENTS);
    private Aggregate aggregate;

    private AggregateTranslation.Step apply(Change change) {
        AggregateTranslation.Step step = translation.apply(change, KEY, aggregate);
        if (step.next() != null) {
            aggregate = step.next();
        }
        return step;
    }

    private DomainEvent single(Change change) {
        AggregateTranslation.Step step = apply(change);
        assertThat(step.result()).isInstanceOf(Emit.class);
        List<DomainEvent> events = ((Emit<DomainEvent>) step.result()).events();
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
        DomainEvent registered = single(insert(ada(), at(0x100)));
        DomainEvent active = single(update(ada(), ada().with("cst_stat", "A"), at(0x200)));
        // an ordinary read of the same row is skipped; the re-drive read of it is not
        assertThat(apply(backfill(ada().with("cst_stat", "A"), 0x900)).result()).isInstanceOf(Skip.class);

        DomainEvent restated = single(redrive(ada().with("cst_stat", "A"), 0x900));

        assertThat(restated.type()).isEqualTo("CustomerDetailsChanged");
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
        DomainEvent closed = single(update(ada(), ada().with("cst_stat", "X").with("cst_nm", "Ada King"),
                at(0x200)));

        // a read that saw the row before the streamed update (phase 0 ranks below every streamed change)
        DomainEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated.type()).isEqualTo("CustomerDetailsChanged");
        assertThat(restated.changed()).isEmpty();
        assertThat(restated.state().value("status")).isEqualTo("CLOSED");
        assertThat(restated.state().value("name")).isEqualTo("Ada King");
        assertThat(restated.state()).isEqualTo(closed.state());
        assertThat(aggregate.rootPosition()).isEqualTo(at(0x200));
    }

    @Test
    void shouldReEmitCustomerRemovedForARemovedCustomer() {
        single(insert(ada(), at(0x100)));
        DomainEvent removed = single(delete(ada(), at(0x200)));
        assertThat(apply(backfill(ada(), 0x900)).result()).isInstanceOf(Skip.class);

        DomainEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated.type()).isEqualTo("CustomerRemoved");
        assertThat(restated.state()).isNull();
        assertThat(restated.position()).isEqualTo(at(0x200).nextRevision());
        assertThat(restated.eventId()).isNotEqualTo(removed.eventId());
        assertThat(aggregate.published().removed()).isTrue();
    }

    @Test
    void shouldStampEachReStatementHigherAndGiveEachItsOwnId() {
        single(insert(ada(), at(0x100)));
        DomainEvent first = single(redrive(ada(), 0x900));
        DomainEvent second = single(redrive(ada(), 0x900)); // same snapshot LSN: no WAL written in between

        assertThat(first.position().format()).isEqualTo(at(0x100).format() + "/0001");
        assertThat(second.position().format()).isEqualTo(at(0x100).format() + "/0002");
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void shouldGiveTheSameReStatementOfTheSameAggregateTheSameId() {
        single(insert(ada(), at(0x100)));
        Aggregate before = aggregate;
        DomainEvent first = single(redrive(ada(), 0x900));
        aggregate = before;
        DomainEvent again = single(redrive(ada(), 0x900));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldStampTheReStatementWithItsOwnPositionWhenThatIsHigher() {
        single(backfill(ada(), 0x100)); // a backfilled customer: published at phase 0

        DomainEvent restated = single(redrive(ada(), 0x900));

        assertThat(restated.type()).isEqualTo("CustomerDetailsChanged");
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }

    @Test
    void shouldPublishTheUsualEventWhenTheRestatedRowIsNewerAndChangedIt() {
        single(backfill(ada(), 0x100));

        DomainEvent restated = single(redrive(ada().with("cst_stat", "A"), 0x900));

        assertThat(restated.type()).isEqualTo("CustomerStatusChanged");
        assertThat(restated.changed()).containsExactly("status");
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }

    @Test
    void shouldRegisterACustomerTheLayerNeverPublished() {
        DomainEvent restated = single(redrive(ada(), 0x900));
        assertThat(restated.type()).isEqualTo("CustomerRegistered");
        assertThat(restated.position()).isEqualTo(SourcePosition.snapshot(0x900));
    }
}
