package io.promdeck.app.prometheus;

/** {@code /api/v1/status/tsdb} head block statistics; times in epoch milliseconds. */
public record HeadStats(long numSeries, long numLabelPairs, long chunkCount, long minTime, long maxTime) {
}
