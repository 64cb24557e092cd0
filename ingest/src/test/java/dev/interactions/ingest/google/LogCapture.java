package dev.interactions.ingest.google;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures, until closed, what the pipeline and Google's clients log (log4j with our and Google's
 * loggers at debug, as with --verbose; java.util.logging at its finest) and what goes to stderr.
 */
final class LogCapture implements AutoCloseable {
  private static final String NAME = "log-capture";

  private final StringWriter logged = new StringWriter();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrintStream originalErr = System.err;
  private final LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
  private final WriterAppender appender;
  private final Level ours = LogManager.getLogger("dev.interactions").getLevel();
  private final Level googles = LogManager.getLogger("com.google").getLevel();
  private final java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.google");
  private final java.util.logging.Level julLevel = jul.getLevel();
  private final Handler julCapture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (logged) {
        logged.write(r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage() + " "
            + java.util.Arrays.toString(r.getParameters()) + " " + r.getThrown() + "\n");
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture() {
    appender = WriterAppender.newBuilder().setName(NAME).setTarget(logged)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build()).build();
    appender.start();
    log4j.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
    Configurator.setLevel("dev.interactions", Level.DEBUG);
    Configurator.setLevel("com.google", Level.DEBUG);
    jul.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(julCapture);
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  /** Everything captured so far. */
  String text() {
    synchronized (logged) {
      return logged + "\n" + stderr.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(originalErr);
    jul.removeHandler(julCapture);
    jul.setLevel(julLevel);
    log4j.getConfiguration().getRootLogger().removeAppender(NAME);
    Configurator.setLevel("dev.interactions", ours);
    Configurator.setLevel("com.google", googles);
    appender.stop();
  }
}
