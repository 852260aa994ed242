package dev.byline.cli;

import java.io.Console;

/** Whether output goes to a person at a terminal (progress bars, colour) or to a file or pipe. */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    // Built for Java 21, where System.console() is null without a terminal (Console#isTerminal,
    // the newer test, came in 22).
    @SuppressWarnings("SystemConsoleNull")
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 System.console() exists even when output is redirected; isTerminal() (22+)
    // tells the two apart. Called reflectively because the bytecode targets 21.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
