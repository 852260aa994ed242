package dev.byline.cli;

import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of a running server, shared by {@code serve} and {@code demo}. */
public final class ServerOptions {
  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = "${env:BYLINE_HOST:-" + ServerConfig.DEFAULT_HOST + "}",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:BYLINE_API_KEY}",
      description = "Require this key (Authorization: Bearer KEY) for writes (env BYLINE_API_KEY).")
  String apiKey;

  @Option(
      names = "--max-body-mb",
      paramLabel = "MB",
      defaultValue = "100",
      description = "Largest request body accepted, in MiB (default: ${DEFAULT-VALUE}).")
  long maxBodyMb;

  ServerConfig config(Path dataDir, int port) {
    if (maxBodyMb < 1 || maxBodyMb > 2047) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--max-body-mb must be between 1 and 2047 (got: " + maxBodyMb + ")");
    }
    return new ServerConfig(host, port, dataDir, apiKey, maxBodyMb * 1024 * 1024);
  }
}
