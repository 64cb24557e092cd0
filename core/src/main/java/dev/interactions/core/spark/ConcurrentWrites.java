package dev.interactions.core.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent table writes run side by side on one SparkSession. A small table's write is mostly
 * driver work (planning, code generation, reading and committing the Delta log), one core's worth,
 * so writes one after the other leave the machine's other cores idle. Every write runs to its end
 * before this returns; the first failure is then rethrown, so no write outlives its stage.
 */
public final class ConcurrentWrites {
  private static final int THREADS = 4;

  private ConcurrentWrites() {}

  public static void run(List<Runnable> writes) {
    if (writes.size() <= 1) {
      writes.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, writes.size()), r -> {
      Thread t = new Thread(r, "table-write");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Runnable write : writes) {
        running.add(pool.submit(write));
      }
      RuntimeException failure = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(r -> r.cancel(true));
          throw new IllegalStateException("interrupted while writing tables", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdown();
    }
  }
}
