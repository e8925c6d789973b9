package ficus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.contracts.compat.BreakingChange;
import ficus.contracts.compat.ContractCompatibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build gate of the committed contracts: for each translation {@code src/main/contracts/contracts.yaml} lists, the
 * contract committed under {@code src/main/contracts/<topic>/} must be exactly what its spec generates today. A
 * breaking difference fails with the list of breaks (publish a new major version instead); a compatible one fails with
 * the command that regenerates the committed files.
 */
class ContractCompatibilityTest {

    static final Path COMMITTED = Path.of("src/main/contracts");
    static final String REGENERATE = "mvn -q -pl anti-corruption/contracts compile exec:java   (from the repository "
            + "root; it runs ficus.contracts.RenderContracts anti-corruption/contracts/src/main/contracts/"
            + "contracts.yaml), then review and commit the changed files";

    @TestFactory
    List<DynamicTest> committedContractShouldMatchTheOneItsSpecGenerates() {
        ContractManifest manifest = ContractManifest.read(COMMITTED.resolve(ContractManifest.FILE));
        return manifest.generate().stream().map(generated -> DynamicTest.dynamicTest(generated.topic(), () -> {
            Path dir = COMMITTED.resolve(generated.topic());
            assertThat(Files.isDirectory(dir))
                    .as("no committed contract for %s in %s: a new topic or a new major version needs its contract "
                            + "committed. Render it: %s", generated.topic(), dir.toAbsolutePath(), REGENERATE)
                    .isTrue();

            List<BreakingChange> breaking = ContractCompatibility.check(dir, generated);
            assertThat(breaking)
                    .as("the spec changed the published contract of %s incompatibly. Existing consumers would break. "
                            + "Either undo the change, make a new field optional (not required), or publish a new "
                            + "major version: the spec's version %d (topic ….v%d; a new contract directory; keep %s "
                            + "for the consumers still reading it)", generated.topic(), generated.majorVersion() + 1,
                            generated.majorVersion() + 1, dir)
                    .isEmpty();

            // compared as JSON trees, so line endings or quoting styles of a checkout do not matter
            Contract committed = Contract.read(dir);
            TreeSet<String> differing = new TreeSet<>();
            if (!committed.asyncApi().equals(generated.asyncApi())) {
                differing.add(Contract.ASYNCAPI_FILE);
            }
            TreeSet<String> events = new TreeSet<>(committed.schemas().keySet());
            events.addAll(generated.schemas().keySet());
            for (String event : events) {
                if (!Objects.equals(committed.schemas().get(event), generated.schemas().get(event))) {
                    differing.add(event + Contract.SCHEMA_SUFFIX);
                }
            }
            assertThat(differing)
                    .as("the contract of %s changed compatibly but the committed copy is stale. Regenerate it: %s",
                            generated.topic(), REGENERATE)
                    .isEmpty();
        })).toList();
    }

    @TestFactory
    List<DynamicTest> committedFilesShouldBeByteForByteWhatTheGeneratorWrites() {
        ContractManifest manifest = ContractManifest.read(COMMITTED.resolve(ContractManifest.FILE));
        return manifest.generate().stream().map(generated -> DynamicTest.dynamicTest(generated.topic(), () -> {
            Path dir = COMMITTED.resolve(generated.topic());
            for (Map.Entry<String, String> file : generated.files().entrySet()) {
                assertThat(dir.resolve(file.getKey())).as("%s/%s; regenerate: %s", generated.topic(), file.getKey(),
                        REGENERATE).hasBinaryContent(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        })).toList();
    }
}
