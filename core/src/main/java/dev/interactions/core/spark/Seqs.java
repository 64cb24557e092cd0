package dev.interactions.core.spark;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Java lists as the Scala sequences Spark rows hold for array columns. */
public final class Seqs {
  private Seqs() {}

  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
