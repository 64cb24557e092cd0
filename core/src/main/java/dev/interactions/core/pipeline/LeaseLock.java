package dev.interactions.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run lock where the storage keeps no lock alive for us (object storage): a lease file with
 * host, pid and a heartbeat the holder rewrites every third of the timeout. A lease of this host
 * whose pid is gone is taken at once; one of another host only when its heartbeat is older than
 * the timeout, since its liveness cannot be checked from here.
 */
final class LeaseLock extends RunLock {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final FileSystem fs;
  private final Path file;
  private final String token;
  private final ScheduledExecutorService heartbeat;

  private LeaseLock(FileSystem fs, Path file, String token, ScheduledExecutorService heartbeat) {
    this.fs = fs;
    this.file = file;
    this.token = token;
    this.heartbeat = heartbeat;
  }

  static RunLock take(Path file, Configuration conf, String holder, Duration timeout) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (fs.exists(file)) {
        Properties lease = read(fs, file);
        if (alive(lease, timeout)) {
          throw new Held(file.getParent().toString(), lease.getProperty("holder", "holder unknown")
              + ", heartbeat " + lease.getProperty("heartbeat"));
        }
        fs.delete(file, false);
      }
      String token = java.util.UUID.randomUUID().toString();
      try {
        write(fs, file, token, holder, false);
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException raced) {
        throw new Held(file.getParent().toString(), "another run took the lease just now");
      }
      ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-lock-heartbeat");
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1, timeout.toMillis() / 3);
      beat.scheduleAtFixedRate(() -> {
        try {
          write(fs, file, token, holder, true);
        } catch (IOException e) {
          // A missed beat is retried on the next one; the timeout allows for two.
        }
      }, every, every, TimeUnit.MILLISECONDS);
      return new LeaseLock(fs, file, token, beat);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock warehouse at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether a lease is held: its pid lives on this host, or another host's heartbeat is fresh. */
  static boolean alive(Properties lease, Duration timeout) {
    long beat = Long.parseLong(lease.getProperty("heartbeat", "0"));
    if (RunLog.host().equals(lease.getProperty("host"))) {
      long pid = Long.parseLong(lease.getProperty("pid", "-1"));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    return System.currentTimeMillis() - beat < timeout.toMillis();
  }

  static Properties read(FileSystem fs, Path file) throws IOException {
    Properties p = new Properties();
    try (var in = fs.open(file)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (java.io.FileNotFoundException gone) {
      // Released between the check and the read: an empty lease is not alive.
    }
    return p;
  }

  private static void write(FileSystem fs, Path file, String token, String holder, boolean overwrite)
      throws IOException {
    Properties p = new Properties();
    p.setProperty("token", token);
    p.setProperty("holder", holder);
    p.setProperty("host", RunLog.host());
    p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
    p.setProperty("heartbeat", String.valueOf(System.currentTimeMillis()));
    try (FSDataOutputStream out = fs.create(file, overwrite)) {
      p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "interactions run lock");
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      if (fs.exists(file) && token.equals(read(fs, file).getProperty("token"))) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      // Left behind, it expires after the timeout.
    }
  }
}
