package dev.byline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.cli.DemoCommand;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import dev.byline.ingest.DemoCollection;
import dev.byline.ingest.RawItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo path is a test: the demo collection is what the README promises, and its examples work. */
class DemoAndReadmeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_demo_collection_is_varied_as_promised() {
    List<RawItem> items = DemoCollection.read();
    assertThat(items).hasSizeGreaterThanOrEqualTo(40);
    Map<String, Integer> authors = new HashMap<>();
    Set<String> sources = new HashSet<>();
    Set<String> categories = new HashSet<>();
    Set<String> years = new HashSet<>();
    int longOnes = 0;
    for (RawItem item : items) {
      assertThat(item.error()).isNull();
      JsonNode a = item.json();
      List<JsonNode> names = new ArrayList<>();
      if (a.path("author").isArray()) a.get("author").forEach(names::add);
      else names.add(a.path("author"));
      names.forEach(n -> authors.merge(n.asText(), 1, Integer::sum));
      sources.add(a.path("source").asText());
      if (a.path("category").isArray()) a.get("category").forEach(c -> categories.add(c.asText()));
      else categories.add(a.path("category").asText());
      years.add(dev.byline.article.DateParser.parse(a.get("date").asText()).day().getYear() + "");
      if (a.get("body").asText().split("\\s+").length > 400) longOnes++;
    }
    assertThat(authors).containsKeys("Ana Tubić", "Jonas Müller");
    assertThat(authors.values().stream().mapToInt(i -> i).max().getAsInt())
        .isGreaterThanOrEqualTo(8);
    assertThat(sources.size()).isGreaterThanOrEqualTo(5);
    assertThat(categories.size()).isGreaterThanOrEqualTo(6);
    assertThat(years.size()).isGreaterThanOrEqualTo(10);
    assertThat(longOnes).isGreaterThanOrEqualTo(3);
  }

  @Test
  void every_curl_example_in_the_readme_works_against_the_demo(@TempDir Path dir) throws Exception {
    List<String> examples = curlExamples(Path.of("README.md"));
    assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
    try (BylineServer demo = DemoCommand.startWithDemo(ServerConfig.defaults(dir).withPort(0))) {
      assertThat(demo.index().stats().articles()).isEqualTo(DemoCollection.read().size());
      for (String example : examples) {
        String command = example.replace("localhost:8080", "localhost:" + demo.port());
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(example).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(example + "\n" + out).isZero();
        JsonNode json = JSON.readTree(out);
        if (example.contains("# 400")) {
          assertThat(json.has("error")).as(example + "\n" + out).isTrue();
        } else {
          assertThat(json.has("error")).as(example + "\n" + out).isFalse();
        }
      }
    }
  }

  @Test
  void the_first_readme_search_shows_ranked_marked_hits_and_facets(@TempDir Path dir)
      throws Exception {
    try (BylineServer demo = DemoCommand.startWithDemo(ServerConfig.defaults(dir).withPort(0));
        var client = java.net.http.HttpClient.newHttpClient()) {
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(demo.url() + "api/search?q=election"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      assertThat(json.get("total").asInt()).isGreaterThanOrEqualTo(3);
      assertThat(json.get("hits").get(0).get("title_html").asText()).contains("<mark>");
      assertThat(json.get("hits").toString()).contains("<mark>");
      assertThat(json.get("facets").get("category").get(0).get("value").asText())
          .isEqualTo("Politics");
    }
  }

  static List<String> curlExamples(Path readme) throws Exception {
    List<String> out = new ArrayList<>();
    boolean inShell = false;
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```sh");
        continue;
      }
      if (inShell && line.startsWith("curl ")) out.add(line);
    }
    return out;
  }
}
