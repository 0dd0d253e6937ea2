package dev.vigil.tsdb.read;

import dev.vigil.tsdb.chunk.XorChunk;

/** One raw chunk of a series snapshot and the time range it covers. */
public record RawPart(XorChunk chunk, long minTime, long maxTime) {
}
