package ficus.faults;

import ficus.sandbox.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the suite starts each part's JVM: small, quick to start (C1 only), serial GC; then the part's own flags. */
final class FaultJvm {

    private static final List<String> FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private FaultJvm() {
    }

    static ChildJvm start(String name, Path log, List<String> jvmArgs, Map<String, String> env, String mainClass,
            List<String> args) {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(jvmArgs);
        return ChildJvm.start(name, log, flags, env, mainClass, args);
    }
}
