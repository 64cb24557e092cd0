package dev.interactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The application jar is a clean spark-submit jar: no class that a Spark distribution ships
 * (spark-sql's resolved runtime classpath, computed by the build, not listed by hand), and the
 * classes that only the jar brings, with the Google clients' dependencies relocated.
 */
class ApplicationJarIT {
  @Test
  void bringsNoClassThatSparkShipsAndEverythingElseItNeeds() throws IOException {
    Set<String> sparkClasses = new TreeSet<>();
    for (Path jar : SparkDistribution.jars()) {
      sparkClasses.addAll(classes(jar));
    }
    assertThat(sparkClasses).as("Spark's own classes").contains("org/apache/spark/SparkContext.class",
        "scala/Option.class", "com/fasterxml/jackson/databind/ObjectMapper.class");

    Set<String> ours = classes(SparkDistribution.applicationJar());
    Map<String, Integer> clashesByPackage = new TreeMap<>();
    for (String c : ours) {
      if (sparkClasses.contains(c)) {
        clashesByPackage.merge(c.substring(0, Math.max(0, c.lastIndexOf('/'))), 1, Integer::sum);
      }
    }
    assertThat(clashesByPackage).as("classes of a Spark distribution inside the application jar, by package")
        .isEmpty();
    assertThat(ours).as("none of their own either").noneMatch(c -> c.startsWith("scala/")
        || c.startsWith("com/fasterxml/jackson/")
        || c.startsWith("org/apache/hadoop/") && !c.startsWith("org/apache/hadoop/fs/s3") // s3: hadoop-aws's
        || c.startsWith("com/google/common/"));

    assertThat(ours).contains("dev/interactions/app/Main.class", "io/delta/tables/DeltaTable.class",
        "picocli/CommandLine.class", "org/postgresql/Driver.class",
        "com/google/api/services/gmail/Gmail.class",
        "org/apache/hadoop/fs/s3a/S3AFileSystem.class", "software/amazon/awssdk/services/s3/S3Client.class",
        "dev/interactions/shaded/com/google/common/collect/ImmutableList.class",
        // Google's HTTP client needs it for every call; once it fell to test scope and every token refresh failed.
        "dev/interactions/shaded/io/grpc/Context.class");
  }

  /** Class entries, with multi-release prefixes taken off so that versions compare. */
  static Set<String> classes(Path jar) throws IOException {
    Set<String> out = new TreeSet<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName().replaceFirst("^META-INF/versions/\\d+/", "");
        if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.endsWith("package-info.class")) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** Where the build put the application jar and spark-sql's runtime classpath. */
  static final class SparkDistribution {
    private SparkDistribution() {}

    static Path applicationJar() {
      Path jar = Path.of(System.getProperty("application.jar", "target/missing-all.jar"));
      assertThat(jar).as("the application jar (built by mvn package)").isRegularFile();
      return jar;
    }

    static List<Path> jars() throws IOException {
      Path file = Path.of(System.getProperty("spark.classpath.file", "../spark-runtime/target/spark-classpath.txt"));
      assertThat(file).as("spark-sql's runtime classpath (built by the spark-runtime module)").isRegularFile();
      List<Path> jars = new ArrayList<>();
      for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
        jars.add(Path.of(entry));
      }
      return jars;
    }
  }
}
