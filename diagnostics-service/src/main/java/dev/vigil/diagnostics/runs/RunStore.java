package dev.vigil.diagnostics.runs;

import java.util.List;

/** Where run state survives a restart. */
public interface RunStore extends AutoCloseable {
    void save(RunState state);

    /** Forgets a run (a tombstone in a compacted topic). */
    void delete(String id);

    /** Every stored run, newest state of each. */
    List<RunState> loadAll();

    @Override
    default void close() {
    }

    /** A store that keeps nothing: for a service started without Kafka. */
    static RunStore none() {
        return new RunStore() {
            @Override
            public void save(RunState state) {
            }

            @Override
            public void delete(String id) {
            }

            @Override
            public List<RunState> loadAll() {
                return List.of();
            }
        };
    }
}
