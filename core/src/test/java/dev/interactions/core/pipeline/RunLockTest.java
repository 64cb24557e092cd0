package dev.interactions.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock: one writer per warehouse, a clear message for the second, nothing left by a dead one. */
class RunLockTest {
  @TempDir Path tmp;

  @Test
  void aSecondWriterFailsNamingTheHolderAndTheLockIsFreeOnceReleased() {
    String root = tmp.resolve("wh").toString();
    try (RunLock first = RunLock.acquire(root, "transform", null)) {
      assertThatThrownBy(() -> RunLock.acquire(root, "run", null))
          .isInstanceOf(RunLock.Held.class)
          .hasMessageContaining("is in use by another run")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("transform");
    }
    try (RunLock again = RunLock.acquire(root, "run", null)) {
      assertThat(tmp.resolve("wh").resolve(RunLock.FILE_NAME)).exists();
    }
  }

  @Test
  void aLeaseIsHeldWhileItsHolderLivesAndTakenOverWhenItsPidIsGoneOrItsHeartbeatIsOld() throws IOException {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path lease = new org.apache.hadoop.fs.Path(tmp.toUri().toString(), "lease/" + RunLock.FILE_NAME);
    Duration timeout = Duration.ofMinutes(2);
    try (RunLock held = LeaseLock.take(lease, conf, "first", timeout)) {
      assertThatThrownBy(() -> LeaseLock.take(lease, conf, "second", timeout))
          .isInstanceOf(RunLock.Held.class).hasMessageContaining("first");
    }
    // Released: the file is gone and the next run takes it.
    assertThat(Files.exists(tmp.resolve("lease").resolve(RunLock.FILE_NAME))).isFalse();

    Path file = tmp.resolve("lease").resolve(RunLock.FILE_NAME);
    // A killed holder on this host: its pid no longer runs, so the lease is taken at once.
    Files.writeString(file, "host=" + RunLog.host() + "\npid=" + deadPid() + "\nheartbeat=" + System.currentTimeMillis()
        + "\nholder=killed\n", StandardCharsets.UTF_8);
    LeaseLock.take(lease, conf, "after a kill", timeout).close();

    // Another host, whose liveness cannot be checked: held while its heartbeat is fresh, taken once it is old.
    Files.writeString(file, "host=elsewhere\npid=1\nheartbeat=" + System.currentTimeMillis() + "\nholder=remote\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LeaseLock.take(lease, conf, "second", timeout))
        .isInstanceOf(RunLock.Held.class).hasMessageContaining("remote");
    Files.writeString(file, "host=elsewhere\npid=1\nheartbeat=" + (System.currentTimeMillis() - timeout.toMillis() - 1)
        + "\nholder=remote\n", StandardCharsets.UTF_8);
    LeaseLock.take(lease, conf, "after a timeout", timeout).close();
  }

  /** A pid that ran a moment ago and has ended. */
  private static long deadPid() throws IOException {
    Process p = new ProcessBuilder("true").start();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return p.pid();
  }
}
