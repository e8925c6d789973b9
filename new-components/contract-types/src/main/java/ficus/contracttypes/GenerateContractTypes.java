package ficus.contracttypes;

import ficus.core.FicusException;
import java.nio.file.Path;

/**
 * The generator as a program, for a component's own build (exec-maven-plugin) or a shell:
 * {@code GenerateContractTypes <contract> <package> <source root>}, e.g.
 * {@code src/main/contract/sales.order.v1 ficus.components.ordertracking.contract src/main/java}. Prints the files it
 * wrote; exit 2 with one line naming the file and the problem when the contract cannot be used.
 */
public final class GenerateContractTypes {

    private GenerateContractTypes() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: GenerateContractTypes <contract dir or asyncapi.yaml> <package> <source root>");
            System.exit(2);
        }
        try {
            GeneratedTypes types = ContractTypes.generate(Path.of(args[0]), args[1]);
            for (Path file : types.write(Path.of(args[2]))) {
                System.out.println(file);
            }
        } catch (FicusException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        }
    }
}
