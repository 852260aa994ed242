package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that HTTP clients would refuse to send (a URL that is not valid percent-encoding, a
 * charset nobody knows, broken chunked framing), written on a raw socket: each gets a 4xx JSON
 * error, never a 500, and changes nothing.
 */
class MalformedRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    server.postJson(
        json(article("keep", "Kept article", "This one must survive every malformed request.")));
  }

  @AfterAll
  static void stop() throws Exception {
    assertThat(server.articleCount()).as("nothing was indexed or deleted").isEqualTo(1);
    server.close();
  }

  /** A status line, headers (names in lower case) and body, as read off the socket. */
  record Raw(int status, String head, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    @Override
    public String toString() {
      return head + "\r\n\r\n" + body;
    }
  }

  /** Writes {@code request} as is on a new connection and reads the answer until the server closes it. */
  private static Raw send(String request) throws IOException {
    return send(request, 5_000);
  }

  /** As {@link #send(String)}, waiting up to {@code waitMs} for each read. */
  private static Raw send(String request, int waitMs) throws IOException {
    return send(request.getBytes(StandardCharsets.UTF_8), waitMs);
  }

  /** As {@link #send(String, int)}, for a request that is not text in UTF-8. */
  private static Raw send(byte[] request, int waitMs) throws IOException {
    try (Socket socket =
        new Socket(java.net.InetAddress.getLoopbackAddress(), server.server.port())) {
      socket.setSoTimeout(waitMs);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) answer.write(buffer, 0, n);
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // keep what arrived: the test asserts on it
      }
      String text = answer.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("an HTTP answer to:\n%s\ngot:\n%s", request, text).isPositive();
      String head = text.substring(0, split);
      String body = text.substring(split + 4);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked"))
        body = unchunk(body);
      return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
      if (size == 0) return out.toString();
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }

  private static String request(String method, String target, String... headersAndBody) {
    StringBuilder r =
        new StringBuilder(
            method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (int i = 0; i < headersAndBody.length - 1; i++) r.append(headersAndBody[i]).append("\r\n");
    r.append("\r\n");
    if (headersAndBody.length > 0) r.append(headersAndBody[headersAndBody.length - 1]);
    return r.toString();
  }

  private static void assertJsonError(Raw r, int low, int high) throws IOException {
    assertThat(r.status()).as(r.toString()).isBetween(low, high);
    assertThat(r.head().toLowerCase(Locale.ROOT))
        .as(r.toString())
        .contains("content-type: application/json");
    assertThat(r.json().get("error").asText()).as(r.toString()).isNotBlank();
    assertThat(r.json().get("message").asText()).as(r.toString()).isNotBlank();
    assertThat(r.head().toLowerCase(Locale.ROOT))
        .as(r.toString())
        .contains("x-content-type-options: nosniff");
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  void a_path_that_is_not_valid_percent_encoding_is_a_json_400() throws IOException {
    for (String[] call :
        new String[][] {
          {"GET", "/api/articles/%u002e"},
          {"DELETE", "/api/articles/%u002e"},
          {"GET", "/api/articles/%u002e/related"},
          {"GET", "/api/tasks/%u002e"},
          {"GET", "/api/articles/abc%"},
          {"GET", "/api/articles/abc%2"}
        }) {
      Raw r = send(request(call[0], call[1], ""));
      assertJsonError(r, 400, 400);
      assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
    }
    // Valid encoding still reaches the handler.
    Raw known = send(request("GET", "/api/articles/%6beep", ""));
    assertThat(known.status()).as(known.toString()).isEqualTo(200);
    assertThat(known.json().get("id").asText()).isEqualTo("keep");
  }

  @Test
  void a_query_string_that_is_not_valid_percent_encoding_is_a_json_400() throws IOException {
    for (String target :
        new String[] {
          "/api/search?q=%zz",
          "/api/suggest?q=ab%",
          "/api/articles/keep?q=%2",
          "/?q=%%41",
          "/api/stats?x%zz=1",
          "/api/search?q=%u00e9"
        }) {
      Raw r = send(request("GET", target, ""));
      assertJsonError(r, 400, 400);
      assertThat(r.json().get("error").asText()).as(target).isEqualTo("invalid_parameter");
      assertThat(r.json().get("message").asText()).as(target).contains("percent-encoding");
    }
    Raw fine = send(request("GET", "/api/search?q=%6bept", "")); // "kept"
    assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    assertThat(fine.json().get("total").asInt()).isEqualTo(1);
  }

  @Test
  void raw_bytes_in_a_query_string_that_are_not_utf8_are_a_json_400_as_their_escapes_are()
      throws IOException {
    // An outside hunt: "q=caf" + the byte E9 (Latin-1 é, sent unescaped) was answered 200, its
    // byte searched for as U+FFFD, while "q=caf%E9" is a 400.
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xE9}, {(byte) 0xFF}, {(byte) 0xC3, '('}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
        }) {
      java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
      request.writeBytes("GET /api/search?q=kep".getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(bad);
      request.writeBytes(
          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      Raw r = send(request.toByteArray(), 5_000);
      assertJsonError(r, 400, 400);
      assertThat(r.json().get("error").asText()).isEqualTo("invalid_parameter");
      assertThat(r.json().get("message").asText()).contains("UTF-8");
    }
    // Text sent as its UTF-8 bytes, unescaped, is valid: "kept" with é in UTF-8 is searched for.
    Raw fine = send(request("GET", "/api/search?q=kept+caf\u00e9", ""));
    assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
  }

  @Test
  void what_jetty_refuses_before_any_route_is_answered_in_json_too() throws IOException {
    assertJsonError(send("GARBAGE\r\n\r\n"), 400, 400);
    assertJsonError(
        send("GET /api/stats HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, 400); // no Host
    Raw longUrl = send(request("GET", "/api/search?q=" + "a".repeat(9_000), ""));
    assertJsonError(longUrl, 414, 414);
    assertThat(longUrl.json().get("error").asText()).isEqualTo("uri_too_long");
    Raw bigHeader = send(request("GET", "/api/stats", "X-Big: " + "a".repeat(9_000), ""));
    assertJsonError(bigHeader, 431, 431);
  }

  @Test
  void a_charset_nobody_knows_is_a_415() throws IOException {
    String body = json(article("x1", "Never indexed", "The charset of this request is nonsense."));
    for (String charset : new String[] {"nonsense", "utf-8\"", "!!"}) {
      Raw r =
          send(
              request(
                  "POST",
                  "/api/articles",
                  "Content-Type: application/json; charset=" + charset,
                  "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length,
                  body));
      assertJsonError(r, 415, 415);
      assertThat(r.json().get("error").asText()).isEqualTo("unsupported_media_type");
      assertThat(r.json().get("message").asText()).contains("charset");
    }
  }

  @Test
  void broken_chunked_framing_is_a_400() throws IOException {
    for (String size : new String[] {"zz", "-5", "ffffffffffffffffffff"}) {
      Raw r =
          send(
              request(
                  "POST",
                  "/api/articles",
                  "Content-Type: application/json",
                  "Transfer-Encoding: chunked",
                  size + "\r\n{}\r\n0\r\n\r\n"));
      assertJsonError(r, 400, 400);
      assertThat(r.json().get("error").asText()).isEqualTo("bad_request");
    }
  }

  @Test
  void a_websocket_upgrade_is_refused_and_leaves_no_session_behind() throws IOException {
    // Each of these once left a servlet session in memory, never expired: a million of them,
    // unauthenticated, filled the heap (found by fuzzing from outside).
    for (String path : new String[] {"/favicon.ico", "/api/search", "/nowhere"}) {
      Raw r =
          send(
              "GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                  + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
      assertJsonError(r, 400, 426);
      assertThat(r.head().toLowerCase(Locale.ROOT)).as(r.toString()).doesNotContain("set-cookie");
    }
  }

  @Test
  void a_compressed_body_is_a_415_not_read_as_text() throws IOException {
    String body =
        json(article("x2", "Never indexed", "Sent with an encoding Byline does not read."));
    for (String encoding : new String[] {"gzip", "deflate", "br"}) {
      Raw r =
          send(
              request(
                  "POST",
                  "/api/articles",
                  "Content-Type: application/json",
                  "Content-Encoding: " + encoding,
                  "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length,
                  body));
      assertJsonError(r, 415, 415);
      assertThat(r.json().get("error").asText()).isEqualTo("unsupported_media_type");
      assertThat(r.json().get("message").asText()).contains("Content-Encoding");
    }
  }

  @Test
  void a_body_shorter_than_its_content_length_is_a_json_408_once_it_stops_arriving()
      throws IOException {
    // The client declares 200 bytes, sends 9 and waits: Jetty gives up after its idle timeout
    // (30 s), and the answer was a 408 with an empty text/plain body (found probing from outside).
    Raw r = postDeclaring(200, "{\"id\":\"a\"", 60_000);
    assertJsonError(r, 408, 408);
    assertThat(r.json().get("error").asText()).isEqualTo("request_timeout");
  }

  @Test
  void a_declared_length_over_the_limit_is_a_413_at_once_even_when_no_body_follows()
      throws IOException {
    // The client declares a body far over the limit and sends none of it: the server drained
    // what it expected to arrive until Jetty's idle timeout (30 s), then answered 408 (found
    // probing from outside). The length alone decides: 413, after a short wait for bytes.
    long start = System.nanoTime();
    Raw r = postDeclaring(999_999_999_999L, "", 20_000);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertJsonError(r, 413, 413);
    assertThat(r.json().get("error").asText()).isEqualTo("payload_too_large");
    assertThat(ms).as("answered without waiting for the idle timeout (30 s)").isLessThan(15_000);
  }

  /** A JSON post declaring {@code length} bytes and sending {@code sent}, waiting up to {@code waitMs}. */
  private static Raw postDeclaring(long length, String sent, int waitMs) throws IOException {
    return send(
        request(
            "POST",
            "/api/articles",
            "Content-Type: application/json",
            "Content-Length: " + length,
            sent),
        waitMs);
  }
}
