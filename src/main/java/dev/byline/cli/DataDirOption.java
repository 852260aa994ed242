package dev.byline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option every command takes. */
public final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${env:BYLINE_DATA:-index-data}",
      description = "Data directory (default: ${DEFAULT-VALUE}; env BYLINE_DATA).")
  Path dataDir;

  public Path get() {
    return dataDir;
  }
}
