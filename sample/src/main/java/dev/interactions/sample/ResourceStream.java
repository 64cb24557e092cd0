package dev.interactions.sample;

import java.io.IOException;

/** Google API resources about the cast over the window: what the mail and calendar share. */
abstract class ResourceStream {
  final Cast cast;
  final SampleOptions options;
  final Window window;
  final Dice dice;

  ResourceStream(Cast cast, SampleOptions options, Window window, Dice dice) {
    this.cast = cast;
    this.options = options;
    this.window = window;
    this.dice = dice;
  }

  abstract void writeAll() throws IOException;
}
