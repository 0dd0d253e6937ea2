package dev.vigil.series;

import dev.vigil.model.Labels;

import java.util.function.UnaryOperator;

/**
 * A series seen through a store wrapper: other labels (a tenant's view drops its label), or
 * cursors passed through a function (statistics count the samples), the rest as the source has it.
 */
public record SeriesView(Labels labels, Series source, UnaryOperator<SampleCursor> cursors) implements Series {
    /** {@code source} under other labels. */
    public static Series relabelled(Series source, Labels labels) {
        return new SeriesView(labels, source, UnaryOperator.identity());
    }

    @Override
    public SampleCursor cursor() {
        return cursors.apply(source.cursor());
    }

    @Override
    public int rollupSamples() {
        return source.rollupSamples();
    }
}
