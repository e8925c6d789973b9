package ficus.bench;

import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.components.ordertracking.OrderTrackingComponent;
import ficus.kit.consume.ApplyListener;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sample's component (the kit's consumer, as {@code ficus demo} runs it) in a JVM of its own, for
 * {@link PipelineBenchmark}: {@code crm|orders bootstrapServers jdbcUrl user consumerGroup topic}, the password in
 * {@code FICUS_BENCH_DB_PASSWORD} — customer-status for the CRM (in the group given), order-tracking for the orders
 * (its own fixed group). Prints {@code first-applied <epoch ms>} once, when its first event is applied. SIGTERM closes
 * it.
 */
public final class ComponentMain {

    static final String FIRST_APPLIED = "first-applied ";

    private ComponentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AtomicBoolean first = new AtomicBoolean(true);
        ApplyListener listener = new ApplyListener() {
            @Override
            public void onApplied(EventEnvelope event, Instant appliedAt) {
                if (first.compareAndSet(true, false)) {
                    System.out.println(FIRST_APPLIED + appliedAt.toEpochMilli());
                    System.out.flush();
                }
            }

            @Override
            public void onSkipped(EventEnvelope event, String why) {
            }
        };
        String password = System.getenv("FICUS_BENCH_DB_PASSWORD");
        AutoCloseable component = switch (args[0]) {
            case "crm" -> CustomerStatusComponent.start(CustomerStatusSettings.of(args[1], args[2], args[3], password)
                    .withConsumerGroup(args[4]).withTopic(args[5]).withListener(listener));
            case "orders" -> OrderTrackingComponent.start(args[1], args[5], args[2], args[3], password, listener);
            default -> throw new IllegalArgumentException("no component for sample " + args[0]);
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("component: close failed: " + e);
            }
            stopped.countDown();
        }, "component-stop"));
        System.out.println(args[0] + " component: consuming " + args[5]);
        stopped.await();
    }
}
