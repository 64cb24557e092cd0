package dev.interactions.core.pipeline;

import dev.interactions.core.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a whole run needs, validated before Spark starts.
 *
 * @param input files-source folder (gmail/, calendar/)
 * @param reference reference data location (CSV folder or URI)
 * @param settings attribution settings for transform
 * @param asOf the metrics' T
 * @param windowDays metric windows in days (30 always included)
 * @param exportParquet also export the metric tables as Parquet
 * @param referenceSettings the config file's {@code reference.*} keys (a JDBC reference's queries);
 *     never a password, only where to find one
 * @param full transform and metrics recompute everything, not only what changed since their last run
 */
public record PipelineRequest(String input, String reference, Settings settings, Instant asOf,
    List<Integer> windowDays, boolean exportParquet, Map<String, String> referenceSettings, boolean full) {

  public PipelineRequest(String input, String reference, Settings settings, Instant asOf,
      List<Integer> windowDays, boolean exportParquet) {
    this(input, reference, settings, asOf, windowDays, exportParquet, Map.of(), false);
  }

  public PipelineRequest withReferenceSettings(Map<String, String> settings) {
    return new PipelineRequest(input, reference, this.settings, asOf, windowDays, exportParquet, Map.copyOf(settings),
        full);
  }

  public PipelineRequest withFull(boolean full) {
    return new PipelineRequest(input, reference, settings, asOf, windowDays, exportParquet, referenceSettings, full);
  }

  public static PipelineRequest of(String input, String reference, Settings settings, Instant asOf) {
    return new PipelineRequest(input, reference, settings, asOf, List.of(30), false);
  }
}
