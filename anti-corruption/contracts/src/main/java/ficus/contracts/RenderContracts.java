package ficus.contracts;

import ficus.core.FicusException;
import java.nio.file.Path;

/**
 * Writes the generated contracts: {@code RenderContracts <outDir>} → {@code <outDir>/<topic>/asyncapi.yaml} and one
 * {@code <EventName>.schema.json} per event type. To refresh the committed contract, from the repository root:
 * {@code mvn -q -pl anti-corruption/contracts compile exec:java} (writes {@code src/main/contracts}).
 */
public final class RenderContracts {

    private RenderContracts() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RenderContracts <outDir>");
            System.exit(2);
        }
        try {
            for (Path file : Contracts.render(Path.of(args[0]))) {
                System.out.println(file);
            }
        } catch (FicusException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        }
    }
}
