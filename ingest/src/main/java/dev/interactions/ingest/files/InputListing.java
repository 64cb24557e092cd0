package dev.interactions.ingest.files;

import dev.interactions.core.mail.Addresses;
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import dev.interactions.core.spark.SerializableHadoopConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Lists the resource files of one source folder ({@code gmail/} or {@code calendar/}). The driver
 * lists only the mailbox folders; each folder's files are listed by a Spark task, so no per-file
 * state is ever held on the driver, however many files there are. Local folders are walked with
 * java.nio: Hadoop's local file system builds a located status with permissions for every file,
 * which costs milliseconds a file on folders of one message a file. Other file systems (S3A, ABFS,
 * HDFS) are listed through Hadoop.
 */
final class InputListing {
  /** One mailbox folder: its normalised address (or folder name), why it cannot land, its path. */
  record MailboxFolder(String mailbox, String problem, String path) {}

  private static final StructType FOLDER_SCHEMA = new StructType()
      .add("mailbox", DataTypes.StringType)
      .add("problem", DataTypes.StringType)
      .add("path", DataTypes.StringType);

  private InputListing() {}

  /** Every mailbox folder under {@code dir}, in name order: one a mailbox, so few enough for the driver. */
  static List<MailboxFolder> folders(FileSystem fs, Path dir) {
    List<FileStatus> folders;
    try {
      folders = new ArrayList<>(Arrays.asList(fs.listStatus(dir)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    folders.removeIf(f -> !f.isDirectory() || f.getPath().getName().startsWith("."));
    folders.sort(Comparator.comparing(f -> f.getPath().getName()));
    List<MailboxFolder> out = new ArrayList<>();
    for (FileStatus folder : folders) {
      String name = folder.getPath().getName();
      String mailbox = Addresses.normalize(name);
      out.add(new MailboxFolder(mailbox == null ? name : mailbox,
          mailbox == null ? "folder name is not a mailbox address: " + name : null, folder.getPath().toString()));
    }
    return out;
  }

  /**
   * The files of {@code folders} as task rows ({@link FilesIngest#TASK_SCHEMA}), listed by Spark
   * tasks, one a folder: listing waits on the file system, so folders are listed side by side.
   */
  static Dataset<Row> files(SparkSession spark, Path root, List<MailboxFolder> folders, SerializableHadoopConf conf) {
    List<Row> rows = folders.stream().map(f -> RowBuilder.of(FOLDER_SCHEMA).set("mailbox", f.mailbox())
        .set("problem", f.problem()).set("path", f.path()).build()).toList();
    Dataset<Row> perFolder = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, Math.max(1, rows.size())), FOLDER_SCHEMA);
    return PerRow.flatMap(perFolder, FilesIngest.TASK_SCHEMA, new ListFolder(root.toString(), conf));
  }

  /** Executor side: one mailbox folder in, a task row per resource file under it out. */
  private static final class ListFolder implements PerRow.RowFunction {
    private static final long serialVersionUID = 1L;
    private final String root;
    private final SerializableHadoopConf conf;

    ListFolder(String root, SerializableHadoopConf conf) {
      this.root = root;
      this.conf = conf;
    }

    @Override
    public void apply(Row folder, Consumer<Row> out) {
      Path rootPath = new Path(root);
      Path folderPath = new Path(RowValues.string(folder, "path"));
      String mailbox = RowValues.string(folder, "mailbox");
      String problem = RowValues.string(folder, "problem");
      Consumer<Listed> task = file -> out.accept(RowBuilder.of(FilesIngest.TASK_SCHEMA).set("mailbox", mailbox)
          .set("path", file.path()).set("ref", file.ref()).set("problem", problem).set("size_bytes", file.size())
          .set("modified_at", new Timestamp(file.modifiedMillis())).build());
      try {
        if ("file".equals(rootPath.toUri().getScheme())) {
          listLocal(rootPath, folderPath, task);
        } else {
          listHadoop(folderPath.getFileSystem(conf.get()), rootPath, folderPath, task);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folderPath + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * A resource file: its full path (a Hadoop URI string), its path relative to the input root, and
   * its size and modification time (epoch milliseconds), which tell whether it changed since read.
   */
  private record Listed(String path, String ref, long size, long modifiedMillis) {}

  private static void listLocal(Path root, Path folder, Consumer<Listed> out) throws IOException {
    java.nio.file.Path base = java.nio.file.Path.of(root.toUri());
    // The walk hands each file's attributes over with it: size and time cost no second stat.
    Files.walkFileTree(java.nio.file.Path.of(folder.toUri()), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(java.nio.file.Path p, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && isResourceFile(p.getFileName().toString())) {
          out.accept(new Listed(new Path(p.toUri()).toString(), base.relativize(p).toString().replace('\\', '/'),
              attrs.size(), attrs.lastModifiedTime().toMillis()));
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void listHadoop(FileSystem fs, Path root, Path folder, Consumer<Listed> out) throws IOException {
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    while (files.hasNext()) {
      LocatedFileStatus status = files.next();
      Path file = status.getPath();
      if (isResourceFile(file.getName())) {
        out.accept(new Listed(file.toString(), relative(root, file), status.getLen(), status.getModificationTime()));
      }
    }
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
