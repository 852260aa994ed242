package dev.byline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.article.Article;
import dev.byline.article.ArticleIds;
import dev.byline.article.ArticleJson;
import dev.byline.cluster.ClusterNode;
import dev.byline.cluster.LogPosition;
import dev.byline.config.DataDir;
import dev.byline.errors.InvalidRequestException;
import dev.byline.errors.NotFoundException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Snapshots;
import dev.byline.index.WriteAck;
import dev.byline.ingest.Ingest;
import dev.byline.ingest.ItemResult;
import dev.byline.ingest.JsonDocumentReader;
import dev.byline.ingest.NdjsonReader;
import dev.byline.ingest.PageReader;
import dev.byline.ingest.RawItem;
import dev.byline.ingest.RawItemReader;
import dev.byline.ingest.extract.Extractor;
import dev.byline.search.ArticleSearch;
import dev.byline.search.ResultCache;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Handlers for {@code /api/articles} and {@code /api/stats}. */
final class ArticleApi {
  private static final List<String> NDJSON_TYPES =
      List.of(
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines");

  private final ArticleIndex index;
  private final ArticleSearch search;
  private final ObjectMapper json;
  private final long maxBodyBytes;
  private final int maxBulkArticles;

  private final ServerMetrics metrics;

  /** Where writes go in cluster mode (the topic, not the index); null on a single node. */
  private final ClusterNode cluster;

  /** Room in the heap for the bodies being written at once. */
  private final WriteMemory memory;

  /** Room in the heap for the bodies arriving. */
  private final ReceivingMemory receiving;

  ArticleApi(
      ArticleIndex index,
      ArticleSearch search,
      ObjectMapper json,
      long maxBodyBytes,
      int maxBulkArticles,
      ServerMetrics metrics,
      ClusterNode cluster,
      WriteMemory memory,
      ReceivingMemory receiving) {
    this.memory = memory;
    this.receiving = receiving;
    this.metrics = metrics;
    this.cluster = cluster;
    this.maxBulkArticles = maxBulkArticles;
    this.index = index;
    this.search = search;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * {@code POST /api/refresh}: answers once every write this node acknowledged (or, in cluster
   * mode, applied) is searchable, for a loader that wrote with {@code refresh=false}.
   */
  void refresh(Context ctx) throws IOException {
    long start = System.nanoTime();
    index.refresh();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("refreshed", true);
    out.put("took_ms", (System.nanoTime() - start) / 1_000_000);
    ctx.json(out);
  }

  /** {@code POST /api/articles}: one article, an array, or NDJSON; a result per item. */
  void post(Context ctx) throws IOException {
    WriteAck ack = ackOf(ctx.queryParam("refresh"));
    try (ReceivingMemory.Held held = receiving.hold(ctx)) {
      byte[] body = readBody(ctx, held);
      // Room once the body is here (a slow upload holds none): parsing and extracting it is what
      // takes the heap.
      WriteMemory.Room room = memory.take(ctx, body.length);
      try {
        write(ctx, body, ack);
      } finally {
        room.close();
      }
    }
  }

  /**
   * {@code refresh=wait_for} (the default: answered once the articles are searchable) or {@code
   * refresh=false} (answered once they are durable; searchable after the next refresh), as
   * Elasticsearch names them; its {@code refresh=true} and a bare {@code refresh} are taken as
   * {@code wait_for} (which asks for a refresh within 0.1 s). Cluster mode answers once Kafka has
   * the writes either way.
   */
  private static WriteAck ackOf(String refresh) {
    if (refresh == null
        || refresh.isEmpty()
        || refresh.equals("wait_for")
        || refresh.equals("true")) return WriteAck.SEARCHABLE;
    if (refresh.equals("false")) return WriteAck.DURABLE;
    throw new InvalidRequestException(
        "invalid_parameter",
        "refresh='"
            + (refresh.length() > 40 ? refresh.substring(0, 40) + "..." : refresh)
            + "' must be wait_for (answer once searchable, the default) or false (once durable)");
  }

  private void write(Context ctx, byte[] body, WriteAck ack) throws IOException {
    if (body.length == 0) {
      throw new InvalidRequestException(
          "empty_body", "the request has no body: send an article, an array of them, or NDJSON");
    }
    List<RawItem> items = new ArrayList<>();
    try (RawItemReader reader = readerFor(ctx, body)) {
      for (List<RawItem> chunk = reader.next(10_000);
          !chunk.isEmpty();
          chunk = reader.next(10_000)) {
        items.addAll(chunk);
        if (items.size() > maxBulkArticles) {
          throw new InvalidRequestException(
              413,
              "too_many_articles",
              "the request holds more than "
                  + maxBulkArticles
                  + " articles: split it into several requests");
        }
      }
    }
    if (items.isEmpty()) {
      throw new InvalidRequestException("empty_body", "the request holds no articles");
    }
    LogPosition[] position = {LogPosition.NONE}; // cluster mode: where the writes are in the topic
    List<ItemResult> results =
        cluster == null
            ? Ingest.validateAndWrite(items, articles -> index.write(articles, ack))
            : Ingest.validateAndWrite(
                items,
                articles -> {
                  ClusterNode.Written written = cluster.write(articles);
                  position[0] = written.position();
                  return written.statuses();
                });
    metrics.ingested(results);
    long failed = results.stream().filter(ItemResult::failed).count();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("indexed", results.size() - failed);
    answer.put("failed", failed);
    if (!position[0].equals(LogPosition.NONE)) answer.put("position", position[0].toString());
    answer.put("items", results);
    ctx.json(answer);
  }

  /** The request's media type, lower case, without parameters; {@code none} when it has none. */
  private static String mediaType(Context ctx, String none) {
    String contentType = ctx.contentType();
    return contentType == null
        ? none
        : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private RawItemReader readerFor(Context ctx, byte[] bytes) throws IOException {
    String type = mediaType(ctx, "application/json");
    if (NDJSON_TYPES.contains(type)) {
      return new NdjsonReader(bytes, json);
    }
    if (type.equals("application/json") || type.isEmpty() || type.endsWith("+json")) {
      return new JsonDocumentReader(new ByteArrayInputStream(bytes), json);
    }
    // A raw page: the article is extracted from it. ?url= says where it came from.
    if (type.equals("text/plain")) {
      return new PageReader(bytes, Extractor.Format.TEXT, ctx.queryParam("url"));
    }
    if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
      return new PageReader(bytes, Extractor.Format.HTML, ctx.queryParam("url"));
    }
    throw new InvalidRequestException(
        415,
        "unsupported_media_type",
        "Content-Type '"
            + type
            + "' is not accepted: send application/json (an article or an array),"
            + " application/x-ndjson (one article per line), or a page as text/plain or text/html");
  }

  /**
   * The body, refused with a 413 before it is read when its declared length is over the limit,
   * and as soon as the limit is passed when it comes without a length (chunked).
   */
  private byte[] readBody(Context ctx, ReceivingMemory.Held held) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > maxBodyBytes) {
        throw tooLarge(ctx, in);
      }
      java.io.ByteArrayOutputStream body =
          new java.io.ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), CHUNK));
      byte[] chunk = new byte[CHUNK];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        held.add(n); // a 429 when the server holds as many arriving bytes as it may
        body.write(chunk, 0, n);
        if (body.size() > maxBodyBytes) {
          throw tooLarge(ctx, in);
        }
      }
      return body.toByteArray();
    } catch (IOException e) {
      if (!stoppedArriving(e)) throw e;
      // Javalin answers Jetty's read timeout itself, with a 408 and no body; the client (one
      // that declared more bytes than it sent) gets the reason in the usual shape instead.
      ctx.header("Connection", "close");
      throw new InvalidRequestException(
          408,
          "request_timeout",
          "the request body stopped arriving before its end (Content-Length "
              + (declared < 0 ? "not given" : declared + " bytes")
              + "): send the whole body, or a Content-Length that matches it");
    }
  }

  /** Whether reading the body failed because the client stopped sending (Jetty's idle timeout). */
  private static boolean stoppedArriving(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) return true;
    }
    return false;
  }

  /** Bytes of a body read at a time. */
  private static final int CHUNK = 64 * 1024;

  /** Bytes of an oversized body read and dropped, so that the client, still sending, sees the 413. */
  private static final long DRAIN_LIMIT = 32L * 1024 * 1024;

  /**
   * How long the drain waits for the next bytes of an oversized body: a client that declared more
   * than it sends gets its 413 after this pause, not after the connection's idle timeout (30 s).
   */
  private static final long DRAIN_PAUSE_MS = 2_000;

  private InvalidRequestException tooLarge(Context ctx, InputStream in) throws IOException {
    // A server that answers while the client is still writing often gets its answer lost in a
    // reset connection; reading a bounded amount first lets ordinary clients see the 413. The
    // connection is closed after the answer, so shortening its idle timeout affects no other
    // request (nginx's lingering close does the same: a bounded read, then close).
    ctx.header("Connection", "close");
    ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .setIdleTimeout(DRAIN_PAUSE_MS);
    long drained = 0;
    byte[] buffer = new byte[64 * 1024];
    int n;
    try {
      while (drained < DRAIN_LIMIT && (n = in.read(buffer)) > 0) {
        drained += n;
      }
    } catch (IOException e) {
      if (!stoppedArriving(e)) throw e;
      // the client paused: the length it declared already decided the answer
    }
    return tooLarge();
  }

  private InvalidRequestException tooLarge() {
    return new InvalidRequestException(
        413,
        "payload_too_large",
        "the request body is larger than "
            + maxBodyBytes
            + " bytes: split it into several requests");
  }

  /**
   * {@code GET /api/articles/{id}}, and with {@code ?q=} also {@code title_html} and {@code
   * body_html}: the article with the query's words marked.
   */
  void get(Context ctx) throws IOException {
    String id = checkedId(ctx);
    Article found =
        index.get(id).orElseThrow(() -> new NotFoundException("no article with id '" + id + "'"));
    ObjectNode article = ArticleJson.write(found.withStory(found.storyId()));
    String q = ctx.queryParam("q");
    if (q != null && !q.isBlank()) {
      search.highlightArticle(id, q).forEach(article::put);
    }
    ctx.json(article);
  }

  /** {@code DELETE /api/articles/{id}}. */
  void delete(Context ctx) throws IOException {
    String id = checkedId(ctx);
    if (cluster != null) {
      // As this node's index has it: a write of the id another node took may be still to apply.
      if (index.get(id).isEmpty()) throw new NotFoundException("no article with id '" + id + "'");
      LogPosition position = cluster.delete(id);
      ctx.json(Map.of("id", id, "status", "deleted", "position", position.toString()));
      return;
    }
    if (!index.delete(id)) {
      throw new NotFoundException("no article with id '" + id + "'");
    }
    ctx.json(Map.of("id", id, "status", "deleted"));
  }

  /**
   * The name a snapshot request asks for, or null for none: the body is empty, or JSON (by its
   * Content-Type, or none) holding one object whose only field is {@code name}, a string or null.
   * Anything else is refused (400, or 415 for another media type) rather than read as no name.
   */
  private String snapshotName(Context ctx, byte[] body) {
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) return null;
    String type = mediaType(ctx, "");
    if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
      throw new InvalidRequestException(
          415,
          "unsupported_media_type",
          "Content-Type '" + type + "' is not accepted: send application/json, or no body");
    }
    com.fasterxml.jackson.databind.JsonNode request;
    try {
      request =
          json.reader()
              .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      throw new InvalidRequestException(
          "invalid_json", "the body must be one JSON object, {\"name\": \"...\"}, or empty");
    }
    for (var fields = request.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!field.equals("name")) {
        throw new InvalidRequestException(
            "invalid_parameter", "unknown field '" + field + "': only \"name\" is accepted");
      }
    }
    com.fasterxml.jackson.databind.JsonNode name = request.get("name");
    if (name == null || name.isNull()) return null;
    if (!name.isTextual()) {
      throw new InvalidRequestException(
          "invalid_parameter", "name must be a string (got " + name.getNodeType() + ")");
    }
    return name.asText();
  }

  private static final java.util.regex.Pattern SNAPSHOT_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /**
   * {@code POST /api/snapshots} ({@code {"name": …}} optional): a consistent copy of the index in
   * {@code <data>/snapshots/<name>}, taken while searches and writes go on. Only a name is taken
   * from the client, never a path, so nobody can make the server write elsewhere; and the answer's
   * {@code path} is relative to the data directory ({@code snapshots/<name>}), so it does not tell
   * clients where the server keeps its files.
   */
  void snapshot(Context ctx, DataDir dataDir) throws IOException {
    java.nio.file.Path snapshotsDir = dataDir.snapshots();
    String name;
    try (ReceivingMemory.Held held = receiving.hold(ctx)) {
      name = snapshotName(ctx, readBody(ctx, held));
    }
    if (name == null) {
      name = "snapshot-" + java.time.Instant.now().toString().replace(":", "").replace(".", "-");
    }
    if (!SNAPSHOT_NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "invalid_parameter", "name '" + name + "' must be 1-100 letters, digits or . _ -");
    }
    // "<name>.partial" is where a snapshot is staged: a snapshot by that name was the staging
    // folder of the next one, and was deleted with it.
    if (name.endsWith(Snapshots.STAGING_SUFFIX)) {
      throw new InvalidRequestException(
          "invalid_parameter",
          "name '"
              + name
              + "' must not end in "
              + Snapshots.STAGING_SUFFIX
              + " (kept for staging)");
    }
    java.nio.file.Path target = snapshotsDir.resolve(name);
    if (java.nio.file.Files.exists(target)) {
      throw new InvalidRequestException(
          409, "conflict", "a snapshot named '" + name + "' already exists");
    }
    java.nio.file.Files.createDirectories(snapshotsDir);
    ArticleIndex.Snapshot snapshot;
    try {
      snapshot = index.snapshot(target);
    } catch (Snapshots.TargetTakenException e) {
      // Another request took the same name between the check above and the copy.
      throw new InvalidRequestException(409, "conflict", e.getMessage());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("name", name);
    answer.put(
        "path",
        dataDir
            .root()
            .toAbsolutePath()
            .relativize(snapshot.path().toAbsolutePath())
            .toString()
            .replace('\\', '/'));
    answer.put("articles", snapshot.articles());
    answer.put("created", snapshot.created().toString());
    ctx.status(201).json(answer);
  }

  /** {@code GET /api/stats}. */
  void stats(Context ctx) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>(index.stats().toJson());
    ResultCache.Stats cache = search.cacheStats();
    Map<String, Object> cached = new LinkedHashMap<>();
    cached.put("hits", cache.hits());
    cached.put("misses", cache.misses());
    cached.put("evictions", cache.evictions());
    cached.put("entries", cache.entries());
    cached.put("bytes", cache.bytes());
    cached.put("max_bytes", cache.maxBytes());
    out.put("result_cache", cached);
    ArticleIndex.EmbeddingStatus embedding = index.embeddingStatus();
    Map<String, Object> semantic = new LinkedHashMap<>();
    semantic.put("on", embedding.on());
    if (embedding.on()) {
      semantic.put("model", embedding.model());
      semantic.put("backlog", embedding.backlog());
      semantic.put("embedded", embedding.embedded());
      semantic.put("failed", embedding.failed());
    }
    out.put("semantic", semantic);
    if (cluster != null) out.put("cluster", clusterJson(cluster.status()));
    ctx.json(out);
  }

  /** A cluster node's status as {@code /api/stats} and {@code /health} show it. */
  static Map<String, Object> clusterJson(ClusterNode.Status status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("node_id", status.nodeId());
    out.put("topic", status.topic());
    out.put("applied", status.applied().toString());
    out.put("log_end", status.logEnd() == null ? null : status.logEnd().toString());
    out.put("lag", status.lag());
    out.put("max_lag", status.maxLag());
    out.put("caught_up", status.caughtUp());
    out.put("kafka_reachable", status.unreachable() == null);
    if (status.unreachable() != null) out.put("kafka_problem", status.unreachable());
    if (status.indexProblem() != null) out.put("index_problem", status.indexProblem());
    out.put("applied_records", status.appliedRecords());
    out.put("skipped_records", status.skippedRecords());
    return out;
  }

  private static String checkedId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ArticleIds.VALID_ID.matcher(id).matches()) {
      throw new NotFoundException("no article with id '" + id + "' (not a valid id)");
    }
    return id;
  }
}
