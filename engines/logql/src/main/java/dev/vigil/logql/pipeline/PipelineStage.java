package dev.vigil.logql.pipeline;

/** One compiled pipeline step. Stages are immutable and shared by every entry of a query. */
public interface PipelineStage {
    /** Processes the entry in place; false drops it. */
    boolean process(LogLine entry);
}
