package ficus.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.golden.GoldenCase;
import ficus.acl.golden.GoldenCaseLoader;
import ficus.acl.golden.GoldenCaseRunner;
import ficus.acl.spec.TranslationSpec;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order translation's golden cases ({@code translations/order.cases/}), run as {@code ficus translate test} runs
 * them: through the layer's real topology, each case also replayed in other arrival orders of its tables.
 */
class OrderTranslationGoldenTest {

    private static final Path SPEC = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/resources/ficus/samples/orders/translations/order.yaml");

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

    @org.junit.jupiter.api.Test
    void shouldHaveACaseForEveryEventTypeOfTheSpec() {
        TranslationSpec spec = TranslationSpecLoader.load(SPEC);
        List<String> covered = cases().flatMap(c -> c.events().stream()).map(GoldenCase.ExpectedEvent::type)
                .distinct().toList();
        assertThat(covered).containsAll(spec.eventTypes().stream().filter(t -> !t.equals("OrderCancelled")).toList());
    }
}
