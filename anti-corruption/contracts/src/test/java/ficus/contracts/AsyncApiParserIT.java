package ficus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ficus.contracts.wire.WireCase;

/**
 * The AsyncAPI documents generated from each wire case's spec (the customer, the test spec {@code subscription.yaml},
 * the orders sample when present) and the committed ones against the official AsyncAPI parser ({@code @asyncapi/parser} from npm, pinned by
 * {@code src/test/node/package-lock.json}), run with node. Skipped only when node or npm is not on the PATH; the first
 * run needs the npm registry ({@code npm ci}), later ones use npm's cache.
 */
class AsyncApiParserIT {

    private static final Path NODE_PROJECT = Path.of("src/test/node");
    private static final Path VALIDATOR = Path.of("target/asyncapi-validator");
    private static final long NPM_TIMEOUT_MINUTES = 5;

    @BeforeAll
    static void installParser() throws Exception {
        boolean nodeAvailable = runs("node", "--version") && runs("npm", "--version");
        Assumptions.assumeTrue(nodeAvailable, "node not on PATH (node >= 18 and npm are needed for the AsyncAPI "
                + "parser check)");
        Files.createDirectories(VALIDATOR);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(NODE_PROJECT.resolve(file), VALIDATOR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules/@asyncapi/parser"))) {
            Result npm = run(NPM_TIMEOUT_MINUTES, VALIDATOR, "npm", "ci", "--ignore-scripts", "--no-audit",
                    "--no-fund");
            assertThat(npm.exitCode()).as("npm ci in %s failed:%n%s", VALIDATOR, npm.output()).isZero();
        }
    }

    static List<WireCase> cases() {
        return WireCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedDocumentShouldBeValidAsyncApi(WireCase wireCase, @TempDir Path dir) throws Exception {
        Contract contract = Contracts.generate(wireCase.spec(), wireCase.options());
        Path doc = render(contract, dir);

        Result result = validate(List.of(doc));

        assertThat(result.exitCode()).as("@asyncapi/parser says:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("OK " + doc.toAbsolutePath() + " (asyncapi 3.0.0, "
                + wireCase.spec().eventTypes().size() + " message(s))");
    }

    @Test
    void committedDocumentsShouldBeValidAsyncApi() throws Exception {
        List<Path> docs = new ArrayList<>();
        try (var dirs = Files.list(ContractCompatibilityTest.COMMITTED)) {
            dirs.map(d -> d.resolve(Contract.ASYNCAPI_FILE)).filter(Files::isRegularFile).forEach(docs::add);
        }

        Result result = validate(docs);

        assertThat(docs).isNotEmpty();
        assertThat(result.exitCode()).as("@asyncapi/parser says:%n%s", result.output()).isZero();
    }

    @Test
    void validatorShouldRejectABrokenDocument(@TempDir Path dir) throws Exception {
        Path doc = render(Contracts.generate(WireCase.subscription().spec(), WireCase.subscription().options()), dir);
        // an AsyncAPI 2 verb in a 3.0 operation
        Files.writeString(doc, Files.readString(doc).replace("action: send", "action: publish"));

        Result result = validate(List.of(doc));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("INVALID " + doc.toAbsolutePath())
                .contains("operations/publishSubscriptionEvents/action");
    }

    @Test
    void validatorShouldRejectABrokenPayloadSchemaItReferences(@TempDir Path dir) throws Exception {
        Path doc = render(Contracts.generate(WireCase.subscription().spec(), WireCase.subscription().options()), dir);
        Path schema = doc.resolveSibling("SubscriptionEnded" + Contract.SCHEMA_SUFFIX);
        // a type JSON Schema does not have, in a schema file the document only $refs
        Files.writeString(schema, Files.readString(schema)
                .replaceFirst("\"type\" : \"integer\"", "\"type\" : \"int64\""));

        Result result = validate(List.of(doc));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("INVALID " + doc.toAbsolutePath()).contains("properties/tenant/type");
    }

    private static Path render(Contract contract, Path dir) {
        return Contracts.render(List.of(contract), dir).stream()
                .filter(path -> path.getFileName().toString().equals(Contract.ASYNCAPI_FILE)).findFirst()
                .orElseThrow();
    }

    private static Result validate(List<Path> docs) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        docs.forEach(doc -> command.add(doc.toAbsolutePath().toString()));
        return run(2, VALIDATOR, command.toArray(String[]::new));
    }

    private static boolean runs(String... command) {
        try {
            return run(1, Path.of("."), command).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(long timeoutMinutes, Path dir, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutMinutes
                    + " min");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
