package dev.interactions.ingest.files;

import dev.interactions.core.mail.Addresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the resource files of one source folder ({@code gmail/} or {@code calendar/}), one mailbox
 * folder per thread. Local folders are walked with java.nio: Hadoop's local file system builds a
 * located status with permissions for every file, which costs milliseconds a file on folders of
 * one message a file. Other file systems (S3A, ABFS, HDFS) are listed through Hadoop.
 */
final class InputListing {
  /** Listing waits on the file system, not the CPU: more threads than cores pay off. */
  private static final int THREADS = 8;

  /** One mailbox folder: its normalised address (or folder name), why it cannot land, its files. */
  record MailboxFiles(String mailbox, String problem, List<Listed> files) {}

  /**
   * A resource file: its full path (a Hadoop URI string), its path relative to the input root, and
   * its size and modification time (epoch milliseconds), which tell whether it changed since read.
   */
  record Listed(String path, String ref, long size, long modifiedMillis) {}

  private InputListing() {}

  /** Every mailbox folder under {@code dir} with its resource files, in name order. */
  static List<MailboxFiles> list(FileSystem fs, Path root, Path dir) {
    List<FileStatus> folders;
    try {
      folders = new ArrayList<>(Arrays.asList(fs.listStatus(dir)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    folders.removeIf(f -> !f.isDirectory() || f.getPath().getName().startsWith("."));
    folders.sort(Comparator.comparing(f -> f.getPath().getName()));
    boolean local = "file".equals(root.toUri().getScheme());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, folders.size())), r -> {
      Thread t = new Thread(r, "list-input");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<MailboxFiles>> pending = new ArrayList<>();
      for (FileStatus folder : folders) {
        pending.add(pool.submit(() -> listMailbox(fs, root, folder.getPath(), local)));
      }
      List<MailboxFiles> out = new ArrayList<>();
      for (Future<MailboxFiles> f : pending) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing " + dir, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new UncheckedIOException("cannot list " + dir + ": "
          + cause.getMessage(), cause instanceof IOException io ? io : new IOException(cause));
    } finally {
      pool.shutdownNow();
    }
  }

  private static MailboxFiles listMailbox(FileSystem fs, Path root, Path folder, boolean local) throws IOException {
    String name = folder.getName();
    String mailbox = Addresses.normalize(name);
    String problem = mailbox == null ? "folder name is not a mailbox address: " + name : null;
    List<Listed> files = local ? listLocal(root, folder) : listHadoop(fs, root, folder);
    files.sort(Comparator.comparing(Listed::ref));
    return new MailboxFiles(mailbox == null ? name : mailbox, problem, files);
  }

  private static List<Listed> listLocal(Path root, Path folder) throws IOException {
    java.nio.file.Path base = java.nio.file.Path.of(root.toUri());
    List<Listed> out = new ArrayList<>();
    // The walk hands each file's attributes over with it: size and time cost no second stat.
    Files.walkFileTree(java.nio.file.Path.of(folder.toUri()), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(java.nio.file.Path p, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && isResourceFile(p.getFileName().toString())) {
          out.add(new Listed(new Path(p.toUri()).toString(), base.relativize(p).toString().replace('\\', '/'),
              attrs.size(), attrs.lastModifiedTime().toMillis()));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return out;
  }

  private static List<Listed> listHadoop(FileSystem fs, Path root, Path folder) throws IOException {
    List<Listed> out = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    while (files.hasNext()) {
      LocatedFileStatus status = files.next();
      Path file = status.getPath();
      if (isResourceFile(file.getName())) {
        out.add(new Listed(file.toString(), relative(root, file), status.getLen(), status.getModificationTime()));
      }
    }
    return out;
  }

  static boolean isResourceFile(String name) {
    return ResourceFileReader.isResourceFile(name) && !name.startsWith(".");
  }

  static String relative(Path root, Path file) {
    String r = root.toUri().getPath();
    String f = file.toUri().getPath();
    return f.startsWith(r + "/") ? f.substring(r.length() + 1) : f;
  }
}
