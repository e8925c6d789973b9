package ficus.cli.connectors;

import ficus.connectors.plan.CapturePlan;
import ficus.connectors.plan.CapturePlanLoader;

import java.nio.file.Path;

import picocli.CommandLine.Parameters;

/** The capture plan a command works on: a YAML file in git. */
public final class PlanFile {

    @Parameters(index = "0", paramLabel = "PLAN", description = "Capture plan file (YAML), e.g. plans/legacy-crm.yaml")
    Path file;

    public Path file() {
        return file;
    }

    public CapturePlan load() {
        return new CapturePlanLoader().load(file);
    }
}
