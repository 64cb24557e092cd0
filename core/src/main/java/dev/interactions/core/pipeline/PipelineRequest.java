package dev.interactions.core.pipeline;

import dev.interactions.core.Settings;
import java.time.Instant;
import java.util.List;

/**
 * Everything a whole run needs, validated before Spark starts.
 *
 * @param input files-source folder (gmail/, calendar/)
 * @param reference reference data location (CSV folder or URI)
 * @param settings attribution settings for transform
 * @param asOf the metrics' T
 * @param windowDays metric windows in days (30 always included)
 * @param exportParquet also export the metric tables as Parquet
 */
public record PipelineRequest(String input, String reference, Settings settings, Instant asOf,
    List<Integer> windowDays, boolean exportParquet) {

  public static PipelineRequest of(String input, String reference, Settings settings, Instant asOf) {
    return new PipelineRequest(input, reference, settings, asOf, List.of(30), false);
  }
}
