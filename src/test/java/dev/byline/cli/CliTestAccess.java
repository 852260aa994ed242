package dev.byline.cli;

/** Lets tests in other packages run the command line as {@link CliTest} does. */
public final class CliTestAccess {
  private CliTestAccess() {}

  public static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }
}
