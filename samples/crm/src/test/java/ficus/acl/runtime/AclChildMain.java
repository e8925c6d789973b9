package ficus.acl.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A second anti-corruption layer instance in its own JVM, for {@link AclFailoverIT} (which kills it hard). Arguments:
 * bootstrap servers, application id, state dir, raw topic, domain topic, dead letter topic.
 */
public final class AclChildMain {

    private AclChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AclSettings settings = AclFailoverIT.settings(args[0], args[1], Path.of(args[2]), args[3], args[4], args[5]);
        AntiCorruptionLayer acl = AntiCorruptionLayer.start(settings);
        acl.awaitRunning(Duration.ofSeconds(120));
        System.out.println("ACL-CHILD-RUNNING");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
