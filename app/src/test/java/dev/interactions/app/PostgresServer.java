package dev.interactions.app;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server on a free loopback port: the installed server binaries,
 * {@code initdb} into a temporary folder with password authentication, run as the
 * {@code postgres} user when the test runs as root (PostgreSQL refuses root). Where PostgreSQL is
 * not installed the test is skipped with a notice, unless {@code INTERACTIONS_REQUIRE_POSTGRES}
 * is true (as in CI), where it fails.
 */
final class PostgresServer implements AutoCloseable {
  static final String SUPERUSER = "postgres";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final String superuserPassword;

  private PostgresServer(Path bin, Path dir, int port, String superuserPassword) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.superuserPassword = superuserPassword;
  }

  static PostgresServer start(String superuserPassword) throws IOException, InterruptedException {
    Optional<Path> bin = binaries();
    if (bin.isEmpty()) {
      String notice = "PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package";
      if (Boolean.parseBoolean(System.getenv("INTERACTIONS_REQUIRE_POSTGRES"))) {
        throw new IllegalStateException(notice + " (INTERACTIONS_REQUIRE_POSTGRES is set)");
      }
      System.err.println("NOTICE: skipping the PostgreSQL tests: " + notice);
      Assumptions.abort(notice);
    }
    Path dir = Files.createTempDirectory("interactions-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, superuserPassword + "\n");
    if (isRoot()) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
      Files.setOwner(dir, postgres);
      Files.setOwner(pwfile, postgres);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin.get(), dir, port, superuserPassword);
    server.run("initdb", "-D", dir.resolve("data").toString(), "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
        "--auth=scram-sha-256", "--pwfile=" + pwfile);
    server.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    return server;
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(url(database), SUPERUSER, superuserPassword);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private void run(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(Arrays.asList(args));
    Path output = Files.createTempFile("interactions-pg", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(tool + " failed: " + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The server binaries: on the PATH, or Debian's versioned folder (the newest). */
  private static Optional<Path> binaries() throws IOException {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb")) && Files.isExecutable(Path.of(entry, "pg_ctl"))) {
        return Optional.of(Path.of(entry));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    }
  }

  private static int versionOf(Path folder) {
    try {
      return Integer.parseInt(folder.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
