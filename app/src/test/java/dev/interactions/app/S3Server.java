package dev.interactions.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server (S3Proxy over a folder) on a free loopback port, with signed
 * requests, and one bucket. Spark reaches it through the standard S3A settings for that bucket.
 */
final class S3Server implements AutoCloseable {
  final String bucket = "interactions-" + UUID.randomUUID().toString().substring(0, 8);
  final String accessKey = "access-" + UUID.randomUUID();
  final String secretKey = "secret-" + UUID.randomUUID();
  private final BlobStoreContext store;
  private final S3Proxy proxy;

  S3Server(Path folder) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", folder.toString());
    store = ContextBuilder.newBuilder("filesystem").overrides(properties).buildView(BlobStoreContext.class);
    store.getBlobStore().createContainerInLocation(null, bucket);
    proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  String uri(String prefix) {
    return "s3a://" + bucket + "/" + prefix;
  }

  /** The S3A settings a user passes as -Dspark.hadoop.fs.s3a.*, here for this bucket only. */
  java.util.Map<String, String> settings() {
    String p = "fs.s3a.bucket." + bucket + ".";
    return java.util.Map.of(p + "endpoint", endpoint(), p + "endpoint.region", "us-east-1",
        p + "path.style.access", "true", p + "connection.ssl.enabled", "false", p + "access.key", accessKey,
        p + "secret.key", secretKey,
        p + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  }

  /** The same settings on a session. */
  void configure(SparkSession spark) {
    settings().forEach(spark.sparkContext().hadoopConfiguration()::set);
  }

  /** The same settings as the Java options a user puts in INTERACTIONS_JAVA_OPTS. */
  java.util.List<String> javaOptions() {
    return settings().entrySet().stream().map(e -> "-Dspark.hadoop." + e.getKey() + "=" + e.getValue()).toList();
  }

  /** Closes the bucket's S3A file system first: its reader threads would keep the JVM alive. */
  void close(SparkSession spark) throws Exception {
    try {
      org.apache.hadoop.fs.FileSystem.get(URI.create("s3a://" + bucket + "/"), spark.sparkContext().hadoopConfiguration())
          .close();
    } finally {
      close();
    }
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    store.close();
  }
}
