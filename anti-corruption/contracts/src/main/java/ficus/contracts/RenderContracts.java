package ficus.contracts;

import ficus.core.FicusException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the contracts a {@linkplain ContractManifest manifest} lists into the manifest's directory:
 * {@code RenderContracts <dir>/contracts.yaml} → {@code <dir>/<topic>/asyncapi.yaml} and one
 * {@code <EventType>.schema.json} per event type. To refresh the committed contracts of this module, from the
 * repository root: {@code mvn -q -pl anti-corruption/contracts compile exec:java}.
 */
public final class RenderContracts {

    private RenderContracts() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RenderContracts <contracts.yaml>");
            System.exit(2);
        }
        try {
            ContractManifest manifest = ContractManifest.read(Path.of(args[0]));
            List<Contract> contracts = new ArrayList<>();
            for (ContractManifest.Entry entry : manifest.entries()) {
                var spec = manifest.spec(entry);
                Contracts.notes(spec, entry.options()).forEach(note -> System.err.println("note: " + note));
                contracts.add(Contracts.generate(spec, entry.options()));
            }
            for (Path file : Contracts.render(contracts, manifest.dir())) {
                System.out.println(file);
            }
        } catch (FicusException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        }
    }
}
