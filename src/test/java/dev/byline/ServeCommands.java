package dev.byline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs {@code byline serve} in a JVM of its own, with this test run's
 * classpath and the JVM that runs the tests: for tests that kill a server or run several.
 */
public final class ServeCommands {
  private ServeCommands() {}

  /**
   * {@code serve --port 0 --data DATA --warmup-ms 0} and {@code extra} options (not another {@code
   * --warmup-ms}), in a JVM with {@code jvmFlags} (a heap size, say) besides the vector module
   * Byline always runs with. No warm-up: these servers are killed and restarted, and a test waits
   * for their {@code /health}.
   */
  public static List<String> serve(Path data, List<String> jvmFlags, String... extra) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.byline.Byline",
            "serve",
            "--port",
            "0",
            "--data",
            data.toString(),
            "--warmup-ms",
            "0"));
    command.addAll(List.of(extra));
    return command;
  }
}
