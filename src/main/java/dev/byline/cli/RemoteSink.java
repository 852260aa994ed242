package dev.byline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.cluster.LogPosition;
import dev.byline.errors.InvalidRequestException;
import dev.byline.ingest.ItemResult;
import dev.byline.ingest.RawItem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends items to a running server as NDJSON ({@code POST /api/articles}), so that {@code byline
 * index} works while the server holds the index's lock. Each chunk is answered once durable
 * ({@code refresh=false}: no wait for a refresh per chunk), and {@link #settle} asks for one
 * refresh at the end ({@code POST /api/refresh}), so the articles are searchable when the command
 * returns. In cluster mode the server acknowledges writes once Kafka has them; {@link #settle}
 * then waits until that node has applied them, with the {@code position} its answers carried
 * ({@code ?after=}).
 */
final class RemoteSink implements ItemSink {
  /** How long {@link #settle} waits for a cluster node to apply the writes it acknowledged. */
  static final Duration SETTLE_WAIT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final ObjectMapper json = new ObjectMapper();

  /** Where the acknowledged writes are in the cluster's topic; NONE for a single node. */
  private LogPosition written = LogPosition.NONE;

  RemoteSink(HttpClient http, URI base, String apiKey) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
  }

  @Override
  public List<ItemResult> accept(List<RawItem> items) throws IOException {
    StringBuilder body = new StringBuilder();
    List<RawItem> sent = new ArrayList<>();
    for (RawItem item : items) {
      if (item.error() == null) {
        body.append(json.writeValueAsString(item.json())).append('\n');
        sent.add(item);
      }
    }
    List<JsonNode> answers = sent.isEmpty() ? List.of() : post(body.toString());
    if (answers.size() != sent.size()) {
      throw new IOException(
          "the server answered " + answers.size() + " items for " + sent.size() + " sent");
    }
    List<ItemResult> results = new ArrayList<>(items.size());
    int next = 0;
    for (RawItem item : items) {
      if (item.error() != null) {
        results.add(new ItemResult(null, ItemResult.ERROR, item.error(), List.of(), item.line()));
      } else {
        JsonNode answer = answers.get(next++);
        results.add(
            new ItemResult(
                answer.path("id").isTextual() ? answer.get("id").asText() : null,
                answer.path("status").asText(),
                answer.path("error").isTextual() ? answer.get("error").asText() : null,
                item.warnings(),
                item.line()));
      }
    }
    return results;
  }

  private List<JsonNode> post(String ndjson) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/api/articles?refresh=false"))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8));
    HttpResponse<String> response = send(request);
    JsonNode answer = json.readTree(response.body());
    if (response.statusCode() == 401) {
      throw new InvalidRequestException(
          401,
          "unauthorized",
          "the server at " + base + " needs an API key: set BYLINE_API_KEY or pass --api-key");
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "the server at "
              + base
              + " answered "
              + response.statusCode()
              + ": "
              + answer.path("message").asText(response.body()));
    }
    if (answer.path("position").isTextual() && !answer.get("position").asText().isEmpty()) {
      written = written.including(LogPosition.parse(answer.get("position").asText()));
    }
    List<JsonNode> items = new ArrayList<>();
    answer.path("items").forEach(items::add);
    return items;
  }

  /** Asks the server to make every write it acknowledged searchable, and waits until it has. */
  private void refresh() throws IOException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve("/api/refresh"))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() == 404) return; // a server from before refresh=false: it waited
    if (response.statusCode() != 200) {
      String message = response.body();
      try {
        message = json.readTree(response.body()).path("message").asText(message);
      } catch (IOException notJson) {
        // the body as it came
      }
      throw new IOException(
          "the server at "
              + base
              + " stored the articles but did not make them searchable ("
              + response.statusCode()
              + ": "
              + message
              + "); they will be after its next refresh");
    }
  }

  /** Sends the request to the server, with the API key when there is one. */
  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to " + base, e);
    }
  }

  @Override
  public String settle() throws IOException {
    if (written.equals(LogPosition.NONE)) {
      refresh(); // a single node: durable when answered, searchable after this
      return null;
    }
    String token = written.toString();
    URI search =
        base.resolve(
            "/api/search?size=0&facets=false&snippets=false&after="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
    while (true) {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(search).timeout(Duration.ofSeconds(30)).GET());
      if (response.statusCode() == 200) {
        return "searchable on the node at " + base + " (topic position " + token + ")";
      }
      // The node waits up to 5 s per request, then says not_caught_up: ask again until ours ends.
      String error = "";
      String message = response.body();
      try {
        JsonNode answer = json.readTree(response.body());
        error = answer.path("error").asText("");
        message = answer.path("message").asText(message);
      } catch (IOException notJson) {
        // said as it came
      }
      if (response.statusCode() != 503 || !error.equals("not_caught_up")) {
        return "acknowledged by Kafka (topic position "
            + token
            + "); the node at "
            + base
            + " answered "
            + response.statusCode()
            + " when asked whether it has applied them: "
            + message;
      }
      if (System.nanoTime() >= deadline) {
        return "acknowledged by Kafka (topic position "
            + token
            + ") but not yet applied by the node at "
            + base
            + " after "
            + SETTLE_WAIT.toSeconds()
            + " s: searches there find them once it has";
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + base, e);
      }
    }
  }

  @Override
  public String describe() {
    return "the server at " + base;
  }

  @Override
  public void close() {}
}
