package dev.interactions.core.pipeline;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stages on the classpath, in order; runs them one after the other on one warehouse. */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Every registered stage (ingest, transform, metrics in the application). */
  public static Pipeline discover() {
    List<Stage> found = new ArrayList<>();
    ServiceLoader.load(Stage.class, Pipeline.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparingInt(Stage::order));
    return new Pipeline(found);
  }

  /** Exactly these stages, in their order (tests that wrap a stage). */
  public static Pipeline of(Stage... stages) {
    List<Stage> chosen = new ArrayList<>(List.of(stages));
    chosen.sort(Comparator.comparingInt(Stage::order));
    return new Pipeline(chosen);
  }

  /** Only the named stages; a name that is not registered fails, naming the ones that are. */
  public Pipeline only(String... names) {
    List<Stage> chosen = new ArrayList<>();
    for (String name : names) {
      chosen.add(stages.stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no stage '" + name + "' on the classpath; have " + names())));
    }
    chosen.sort(Comparator.comparingInt(Stage::order));
    return new Pipeline(chosen);
  }

  public List<String> names() {
    return stages.stream().map(Stage::name).toList();
  }

  /** Runs each stage in order; each writes its row in bronze.runs and checks its invariants. */
  public List<StageReport> run(Warehouse warehouse, PipelineRequest request) {
    List<StageReport> reports = new ArrayList<>();
    for (Stage stage : stages) {
      RunContext run = RunContext.start();
      LOG.info("{} run {}", stage.name(), run.runId());
      reports.add(RunLog.record(warehouse, stage.name(), run, w -> stage.run(w, run, request)));
    }
    return reports;
  }

  /** The report of one stage in a run's reports. */
  public static StageReport report(List<StageReport> reports, String stage) {
    return reports.stream().filter(r -> r.stage().equals(stage)).findFirst()
        .orElseThrow(() -> new IllegalStateException("stage '" + stage + "' did not run"));
  }
}
