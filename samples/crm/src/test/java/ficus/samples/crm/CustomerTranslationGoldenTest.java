package ficus.samples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.golden.GoldenCase;
import ficus.acl.golden.GoldenCaseLoader;
import ficus.acl.golden.GoldenCaseRunner;
import ficus.acl.spec.TranslationExtension;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The customer translation's golden cases ({@code translations/customer.cases/}), run as {@code ficus translate test}
 * runs them: through the layer's real topology, each case with several tables also replayed in other arrival orders.
 * They are the regression suite of what the customer-only engine did, now on the generic one.
 */
class CustomerTranslationGoldenTest {

    private static final Path SPEC = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/resources/ficus/samples/crm/translations/customer.yaml");

    static Stream<GoldenCase> cases() {
        TranslationSpec spec = TranslationSpecLoader.load(SPEC);
        return GoldenCaseLoader.loadAll(GoldenCaseLoader.casesFolder(SPEC), spec).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldTranslateAsTheGoldenCaseSays(GoldenCase goldenCase) {
        GoldenCaseRunner.Result result = new GoldenCaseRunner(TranslationSpecLoader.load(SPEC)).run(goldenCase);
        assertThat(result.failures()).as(goldenCase.file()).isEmpty();
        if (goldenCase.reorder() && goldenCase.tables() > 1) {
            assertThat(result.ordersTried()).as("arrival orders tried").isGreaterThan(1);
        }
    }

    @Test
    void shouldHaveACaseForEveryEventTypeOfTheSpec() {
        TranslationSpec spec = TranslationSpecLoader.load(SPEC);
        List<String> covered = cases().flatMap(c -> c.events().stream()).map(GoldenCase.ExpectedEvent::type)
                .distinct().toList();
        assertThat(covered).containsAll(spec.eventTypes());
    }

    @Test
    void shouldLoadTheSameSpecFromTheClassPathAsFromTheFile() {
        TranslationSpec fromJar = CrmSample.customerSpec();
        TranslationSpec fromFile = TranslationSpecLoader.load(SPEC);
        assertThat(fromJar.name()).isEqualTo("customer");
        assertThat(fromJar.domainTopic()).isEqualTo("crm.customer.v1").isEqualTo(fromFile.domainTopic());
        assertThat(fromJar.eventTypes()).isEqualTo(fromFile.eventTypes());
    }

    @Test
    void shouldRunTheCrmsOwnExtensionFromThisSamplesJar() {
        assertThat(CrmSample.customerSpec().extension()).isEqualTo(CustomerRules.NAME);
        assertThat(TranslationExtension.find(CustomerRules.NAME)).get().isInstanceOf(CustomerRules.class);
    }

    /** The spec from its first key on: the header comments differ (they say where the spec lives). */
    private static String body(String spec) {
        return spec.substring(spec.indexOf("\ntranslation:") + 1);
    }
}
