package dev.byline.cli;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.byline.TestServer;
import dev.byline.config.DataDir;
import dev.byline.index.ArticleIndex;
import dev.byline.index.IndexLockedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the command line tells a running server from a stale {@code server.json}: by the index's
 * write lock, which a server holds while it runs. A busy server (slow to answer {@code /health})
 * is waited for, not mistaken for none; a file left by a server that stopped is said to be stale.
 */
class RunningServerTest {
  @TempDir Path dir;

  private Path articles() throws IOException {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        json(article("a1", "Tide tables printed", "The harbour printed new tide tables."))
            + "\n"
            + json(article("a2", "Ferry timetable", "Winter ferry timetable starts Monday."))
            + "\n");
    return file;
  }

  private static void writeServerFile(Path data, URI url) throws IOException {
    Files.writeString(
        DataDir.of(data).serverFile(),
        "{\"url\": \"" + url + "\", \"pid\": " + ProcessHandle.current().pid() + "}",
        StandardCharsets.UTF_8);
  }

  /**
   * In front of a real server: answers {@code /health} only after {@code healthDelay}, as a
   * server under load may, and passes every request on.
   */
  private static HttpServer slowHealthProxy(
      URI target, Duration healthDelay, ExecutorService threads) throws IOException {
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    HttpClient client = HttpClient.newHttpClient();
    proxy.setExecutor(threads);
    proxy.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/health"))
              Thread.sleep(healthDelay.toMillis());
            HttpRequest.Builder forward =
                HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(
                        exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(
                            exchange.getRequestBody().readAllBytes()));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) forward.header("Content-Type", type);
            HttpResponse<byte[]> answer =
                client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer
                .headers()
                .firstValue("Content-Type")
                .ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            exchange.sendResponseHeaders(
                answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    proxy.start();
    return proxy;
  }

  private static URI url(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Test
  void index_waits_for_a_busy_server_instead_of_opening_its_locked_index() throws Exception {
    Path data = dir.resolve("data");
    Path file = articles();
    ExecutorService threads = Executors.newCachedThreadPool();
    try (TestServer server = TestServer.start(data)) {
      HttpServer proxy = slowHealthProxy(server.uri("/"), Duration.ofSeconds(3), threads);
      try {
        writeServerFile(data, url(proxy)); // the server as the command line sees it: slow to answer
        CliTest.Run r = CliTest.run("index", file.toString(), "--data", data.toString());
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).contains("read 2, created 2");
        assertThat(r.err()).contains("holds the index").contains("waiting up to 30 s");
        assertThat(server.articleCount()).isEqualTo(2);
      } finally {
        proxy.stop(0);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void a_server_file_left_by_a_stopped_server_is_called_stale_and_the_index_is_opened()
      throws Exception {
    Path data = dir.resolve("data");
    ArticleIndex.open(DataDir.of(data).liveIndex()).close(); // an index nobody holds
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    writeServerFile(data, URI.create("http://127.0.0.1:" + nobody + "/"));
    CliTest.Run r = CliTest.run("index", articles().toString(), "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("read 2, created 2");
    assertThat(r.err()).contains("stale").contains("nothing holds the index lock");
  }

  @Test
  void a_server_that_holds_the_index_but_never_answers_is_reported_not_bypassed() throws Exception {
    Path data = dir.resolve("data");
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer silent =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    silent.setExecutor(threads);
    silent.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(60_000); // stuck
          } catch (InterruptedException e) {
            exchange.close();
          }
        });
    silent.start();
    try (ArticleIndex held = ArticleIndex.open(DataDir.of(data).liveIndex())) {
      assertThat(held.readOnly())
          .as("this test holds the index's write lock, as a running server does")
          .isFalse();
      writeServerFile(data, url(silent));
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  RunningServer.find(
                      data,
                      HttpClient.newHttpClient(),
                      new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                      Duration.ofSeconds(1)))
          .isInstanceOf(IndexLockedException.class)
          .hasMessageContaining("a server holds the index at " + DataDir.of(data).liveIndex())
          .hasMessageContaining("did not answer /health")
          .hasMessageContaining("nothing was done");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("waiting up to 1 s");
    } finally {
      silent.stop(0);
      threads.shutdownNow();
    }
  }

  @Test
  void without_a_server_file_nothing_is_found_and_nothing_is_said() throws Exception {
    Path data = dir.resolve("data");
    ArticleIndex.open(DataDir.of(data).liveIndex()).close();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertThat(
            RunningServer.find(
                data,
                HttpClient.newHttpClient(),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(1)))
        .isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
