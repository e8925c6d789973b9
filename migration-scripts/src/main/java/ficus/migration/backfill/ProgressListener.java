package ficus.migration.backfill;

/** Told after every committed chunk of every partition (from the partitions' threads, serialised). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
