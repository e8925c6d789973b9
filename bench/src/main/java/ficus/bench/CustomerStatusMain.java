package ficus.bench;

import ficus.components.customerstatus.CustomerStatusComponent;
import ficus.components.customerstatus.CustomerStatusSettings;
import ficus.kit.consume.ApplyListener;
import ficus.kit.event.EventEnvelope;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The customer-status component (the kit's consumer, in-process mode, as {@code ficus demo} runs it) in a JVM of its
 * own, for {@link PipelineBenchmark}: {@code bootstrapServers jdbcUrl user consumerGroup}, the password in
 * {@code FICUS_BENCH_DB_PASSWORD}. Prints {@code first-applied <epoch ms>} once, when its first event is applied.
 * SIGTERM closes it.
 */
public final class CustomerStatusMain {

    static final String FIRST_APPLIED = "first-applied ";

    private CustomerStatusMain() {
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
        CustomerStatusComponent component = CustomerStatusComponent.start(CustomerStatusSettings.of(args[0], args[1],
                args[2], System.getenv("FICUS_BENCH_DB_PASSWORD")).withConsumerGroup(args[3]).withListener(listener));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            component.close();
            stopped.countDown();
        }, "customer-status-stop"));
        System.out.println("customer-status: consuming as " + args[3]);
        stopped.await();
    }
}
