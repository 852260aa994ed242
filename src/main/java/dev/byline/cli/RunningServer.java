package dev.byline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Finds a live server on a data directory, through the file it writes there when it starts. */
final class RunningServer {
  private RunningServer() {}

  /** The base URL of a server that answers on this data directory, if there is one. */
  static Optional<URI> find(Path dataDir, HttpClient http) {
    Path file = ServerConfig.serverFile(dataDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode info = new ObjectMapper().readTree(file.toFile());
      URI base = URI.create(info.path("url").asText());
      HttpRequest health =
          HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
      HttpResponse<Void> response = http.send(health, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? Optional.of(base) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // a file left by a server that died: nobody is there
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
