package dev.byline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option every command takes. */
public final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "index-data",
      description = "Data directory (default: ${DEFAULT-VALUE}; env BYLINE_DATA).")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file (Java properties: long option names as keys, e.g. port = 8080; env BYLINE_CONFIG).")
  Path config;

  public Path get() {
    return dataDir;
  }
}
