package dev.vigil.logs.fanout;

import java.util.List;

/** Asks an instance for the streams of its partitions that match, in [from, to) (Unix ns). */
public record StreamsRequest(List<WireMatcher> matchers, long from, long to) {
    public StreamsRequest {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }
}
