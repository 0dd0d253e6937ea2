package dev.vigil.tsdb.read;

import dev.vigil.tsdb.chunk.SampleChunk;

/** One raw chunk of a series snapshot and the time range it covers. */
public record RawPart(SampleChunk chunk, long minTime, long maxTime) {
}
