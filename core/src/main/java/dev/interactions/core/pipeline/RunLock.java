package dev.interactions.core.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * One writing command at a time per warehouse. On a local warehouse it is an OS file lock on
 * {@code <warehouse>/_run.lock}: the kernel drops it when the holder dies, however it dies, so a
 * rerun after a killed run proceeds at once. Elsewhere (object storage, where no lock outlives
 * its holder) it is a {@link LeaseLock}. A second writer fails at once with {@link Held}, naming
 * the holder; readers ({@code sql}, {@code status}, {@code explain}, {@code notebook}) take none.
 */
public abstract class RunLock implements AutoCloseable {
  public static final String FILE_NAME = "_run.lock";

  /** The lock is held by another run; the message names it and what to do. */
  public static final class Held extends IllegalStateException {
    public Held(String root, String holder) {
      super("warehouse " + root + " is in use by another run (" + holder + "); it fails rather than waits,"
          + " so that runs never queue up: try again when that run ends");
    }
  }

  /** Takes the warehouse's lock for {@code command}, or throws {@link Held}. */
  public static RunLock acquire(String root, String command, Configuration hadoopConf) {
    String holder = "host " + RunLog.host() + ", pid " + ProcessHandle.current().pid() + ", " + command
        + ", since " + Instant.now();
    if (isLocal(root)) {
      return LocalLock.take(localPath(root), holder);
    }
    return LeaseLock.take(new org.apache.hadoop.fs.Path(root, FILE_NAME), hadoopConf, holder,
        LeaseLock.DEFAULT_TIMEOUT);
  }

  /** A plain folder or a {@code file:} URI; anything else is remote. */
  public static boolean isLocal(String root) {
    return !root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || root.startsWith("file:");
  }

  private static Path localPath(String root) {
    return root.startsWith("file:") ? Path.of(java.net.URI.create(root)) : Path.of(root);
  }

  @Override
  public abstract void close();

  private static final class LocalLock extends RunLock {
    /**
     * Locks this process holds, with their holder. POSIX drops all of a process's locks on a file
     * when it closes any descriptor of it, so this process must not even open its own lock file again.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private LocalLock(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    static synchronized RunLock take(Path root, String holder) {
      Path file = root.toAbsolutePath().normalize().resolve(FILE_NAME);
      String here = HELD_HERE.get(file);
      if (here != null) {
        throw new Held(root.toString(), here);
      }
      FileChannel channel = null;
      try {
        Files.createDirectories(root);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
          lock = null;
        }
        if (lock == null) {
          String current = Files.readString(file, StandardCharsets.UTF_8).strip();
          channel.close();
          throw new Held(root.toString(), current.isEmpty() ? "holder unknown" : current);
        }
        // Who holds it, for the message the next run prints; the lock itself is the kernel's.
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        HELD_HERE.put(file, holder);
        return new LocalLock(file, channel, lock);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new UncheckedIOException("cannot lock warehouse " + root + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      HELD_HERE.remove(file);
      try {
        channel.truncate(0);
        lock.release();
      } catch (IOException e) {
        // Closing the channel releases the lock anyway.
      } finally {
        closeQuietly(channel);
      }
    }

    private static void closeQuietly(FileChannel channel) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // nothing left to release
        }
      }
    }
  }

}
