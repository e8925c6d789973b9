package ficus.cli;

import picocli.CommandLine;

/** Prints the version from the jar manifest (or "development" when run from classes). */
public final class FicusVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Ficus.class.getPackage().getImplementationVersion();
        return new String[] {"ficus " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
    }
}
