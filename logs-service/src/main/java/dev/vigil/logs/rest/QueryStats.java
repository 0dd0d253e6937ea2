package dev.vigil.logs.rest;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The {@code stats} object of a Loki query response, with the summary figures Grafana shows
 * (lines and bytes scanned, entries returned, execution time); the per-component sections are
 * present with the fields Loki reports.
 */
record QueryStats(long linesProcessed, long bytesProcessed, long entriesReturned, long postFilterLines, long execNanos) {

    void write(JsonGenerator g) throws IOException {
        double execSeconds = execNanos / 1e9;
        g.writeStartObject();
        g.writeObjectFieldStart("summary");
        g.writeNumberField("bytesProcessedPerSecond", rate(bytesProcessed, execSeconds));
        g.writeNumberField("linesProcessedPerSecond", rate(linesProcessed, execSeconds));
        g.writeNumberField("totalBytesProcessed", bytesProcessed);
        g.writeNumberField("totalLinesProcessed", linesProcessed);
        g.writeNumberField("execTime", execSeconds);
        g.writeNumberField("queueTime", 0);
        g.writeNumberField("subqueries", 0);
        g.writeNumberField("totalEntriesReturned", entriesReturned);
        g.writeNumberField("splits", 0);
        g.writeNumberField("shards", 0);
        g.writeNumberField("totalPostFilterLines", postFilterLines);
        g.writeNumberField("totalStructuredMetadataBytesProcessed", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("querier");
        g.writeObjectFieldStart("store");
        g.writeNumberField("totalChunksRef", 0);
        g.writeNumberField("totalChunksDownloaded", 0);
        g.writeNumberField("chunksDownloadTime", 0);
        g.writeObjectFieldStart("chunk");
        g.writeNumberField("headChunkBytes", 0);
        g.writeNumberField("headChunkLines", 0);
        g.writeNumberField("decompressedBytes", bytesProcessed);
        g.writeNumberField("decompressedLines", linesProcessed);
        g.writeNumberField("compressedBytes", 0);
        g.writeNumberField("totalDuplicates", 0);
        g.writeNumberField("postFilterLines", postFilterLines);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("ingester");
        g.writeNumberField("totalReached", 0);
        g.writeNumberField("totalChunksMatched", 0);
        g.writeNumberField("totalBatches", 0);
        g.writeNumberField("totalLinesSent", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("cache");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static long rate(long n, double seconds) {
        return seconds <= 0 ? 0 : Math.round(n / seconds);
    }
}
