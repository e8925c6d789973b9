package ficus.migration.backfill;

import ficus.migration.CrmSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ficus.core.FicusException;
import org.junit.jupiter.api.Test;

class BackfillSettingsTest {

    @Test
    void shouldNameEveryProblemAndRefuseTheLegacyDatabaseAsJobRepository() {
        javax.sql.DataSource same = new org.postgresql.ds.PGSimpleDataSource();
        var settings = BackfillSettings.of(CrmSample.spec(), same, "legacy", "legacy", same, "", "ficus.dlq.customer.replay")
                .withChunkSize(0).withPartitions(100).withMaxRowsPerSecond(-1).withWhere("1=1; drop table x");

        assertThat(settings.problems()).anyMatch(p -> p.startsWith("batch: must not be the legacy database"))
                .anyMatch(p -> p.startsWith("bootstrapServers"))
                .anyMatch(p -> p.startsWith("chunkSize")).anyMatch(p -> p.startsWith("partitions"))
                .anyMatch(p -> p.startsWith("maxRowsPerSecond")).anyMatch(p -> p.startsWith("where"));
        assertThatThrownBy(settings::validated).isInstanceOf(FicusException.BadInput.class);
    }

    @Test
    void shouldNameTheJobAfterTheTranslation() {
        var settings = BackfillSettings.of(CrmSample.spec(),
                new org.postgresql.ds.PGSimpleDataSource(), "legacy", "legacy",
                new org.postgresql.ds.PGSimpleDataSource(), "localhost:9092", "ficus.dlq.customer.replay");

        assertThat(settings.jobName()).isEqualTo("backfill-customer");
        assertThat(settings.withSpec(ficus.acl.spec.yaml.TranslationSpecLoader.loadResource(
                "ficus/migration/specs/invoice.yaml")).jobName()).isEqualTo("backfill-invoice");
        assertThat(settings.problems()).isEmpty();
    }
}
