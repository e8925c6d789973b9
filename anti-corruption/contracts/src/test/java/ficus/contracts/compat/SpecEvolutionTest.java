package ficus.contracts.compat;

import static org.assertj.core.api.Assertions.assertThat;

import ficus.acl.spec.FieldType;
import ficus.acl.spec.yaml.TranslationSpecLoader;
import ficus.contracts.Contract;
import ficus.contracts.ContractOptions;
import ficus.contracts.Contracts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The compatibility gate per translation: edits of a spec, judged on the contracts generated before and after. */
class SpecEvolutionTest {

    private static final ContractOptions OPTIONS = ContractOptions.NONE.withCaptureSource("legacy")
            .withConverter("region", FieldType.STRING);
    private static final String SPEC = read("ficus/contracts/wire/subscription.yaml");

    private static String read(String resource) {
        try (InputStream in = SpecEvolutionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Contract contract(String yaml) {
        return Contracts.generate(TranslationSpecLoader.parse(yaml, "subscription.yaml"), OPTIONS);
    }

    private static String edited(String from, String to) {
        assertThat(SPEC).contains(from);
        return SPEC.replace(from, to);
    }

    /**
     * A new optional field or part is compatible in the state; but {@code changed} lists the field names as an enum,
     * and an enum gaining values is breaking. Kept as the committed v1 contract has it (see the README).
     */
    @Test
    void shouldAcceptANewOptionalRootFieldANewPartAndANewEventTypeButReportTheGrownChangedEnum() {
        String newer = edited("    note:        { column: '\"Note\"', type: string }",
                "    note:        { column: '\"Note\"', type: string }\n    channel:     { column: channel, type: string }")
                .replace("  hasTickets:\n", "  hasNotes:\n    table: billing.note\n    key: note_id\n"
                        + "    link: ['\"Tenant\"', '\"SubNo\"']\n    collect: exists\n    fields: {}\n  hasTickets:\n")
                .replace("  - { on: changed, type: SubscriptionUpdated }",
                        "  - { on: changed, fields: [note], type: SubscriptionNoted }\n"
                                + "  - { on: changed, type: SubscriptionUpdated }");

        assertThat(ContractCompatibility.check(contract(SPEC), contract(newer))).extracting(BreakingChange::toString)
                .containsExactlyInAnyOrder(
                        "billing.subscription.v2/SubscriptionStarted.schema.json#/changed/items: enum gained [channel, "
                                + "hasNotes] (consumers do not know these values)",
                        "billing.subscription.v2/SubscriptionEnded.schema.json#/changed/items: enum gained [channel, "
                                + "hasNotes] (consumers do not know these values)",
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/changed/items: enum gained "
                                + "[channel, hasNotes] (consumers do not know these values)",
                        "billing.subscription.v2/SubscriptionUpdated.schema.json#/changed/items: enum gained [channel, "
                                + "hasNotes] (consumers do not know these values)");
    }

    @Test
    void shouldRejectARemovedRootFieldInEveryEventThatCarriesIt() {
        String newer = edited("    note:        { column: '\"Note\"', type: string }\n", "");

        assertThat(ContractCompatibility.check(contract(SPEC), contract(newer))).extracting(BreakingChange::toString)
                .contains("billing.subscription.v2/SubscriptionStarted.schema.json#/state/note: removed (was "
                        + "[null, string])")
                .hasSize(4);
    }

    @Test
    void shouldRejectAFieldMadeRequiredARetypedOneAndACodeValueAdded() {
        String newer = edited("    note:        { column: '\"Note\"', type: string }",
                "    note:        { column: '\"Note\"', type: string, required: true }")
                .replace("    price:       { column: price, type: decimal, required: true }",
                        "    price:       { column: price, type: double, required: true }")
                .replace("codes: { B: BASIC, P: PRO, E: ENTERPRISE }", "codes: { B: BASIC, P: PRO, E: ENTERPRISE, "
                        + "F: FREE }");

        assertThat(ContractCompatibility.check(contract(SPEC), contract(newer)))
                .filteredOn(change -> change.where().startsWith("billing.subscription.v2/SubscriptionRepriced"))
                .extracting(BreakingChange::toString).containsExactlyInAnyOrder(
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/state/note: became required",
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/state/price: retyped from string "
                                + "to [number, string]",
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/state/plan: enum gained [FREE] "
                                + "(consumers do not know these values)",
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/previousPrice: retyped from "
                                + "string to [number, string]",
                        "billing.subscription.v2/SubscriptionRepriced.schema.json#/previousPlan: enum gained [FREE] "
                                + "(consumers do not know these values)");
    }

    @Test
    void shouldRejectANewKeySeparatorAndARemovedEventType() {
        String newer = edited("keySeparator: \"/\"", "keySeparator: \"|\"")
                .replace("  - { on: changed, fields: [price, plan], type: SubscriptionRepriced, previous: [price, "
                        + "plan] }\n", "");

        assertThat(ContractCompatibility.check(contract(SPEC), contract(newer))).extracting(BreakingChange::toString)
                .contains("billing.subscription.v2/asyncapi.yaml#/components/messages/SubscriptionRepriced: event "
                        + "type removed")
                .anySatisfy(change -> assertThat(change).contains("SubscriptionStarted/bindings/kafka/key")
                        .contains("pattern changed"));
    }
}
