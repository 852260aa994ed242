package dev.byline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import dev.byline.config.ServerConfig;
import dev.byline.embed.Embedder;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.DiskSpace;
import dev.byline.index.IndexHealth;
import dev.byline.search.ArticleSearch;
import dev.byline.search.RelatedArticles;
import dev.byline.search.Suggestions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the route table and authentication of writes. What an exception becomes as an
 * answer is {@link ErrorResponses}'.
 */
public final class BylineServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BylineServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger("byline.access");

  /**
   * Headers on every response, errors included: browsers must take the declared type as given, so
   * that JSON holding markup (an article's body, a query echoed in an error) is never run as HTML.
   */
  static final Map<String, String> SAFE_HEADERS = Map.of("X-Content-Type-Options", "nosniff");

  private final ServerConfig config;
  private final ArticleIndex index;
  private final Javalin app;
  private final byte[] apiKey;
  private final byte[] readKey;
  private final SearchApi searchApi;
  private final ServerMetrics metrics;

  /** This server as a node of a cluster (issue 18); null on a single node. */
  private final dev.byline.cluster.ClusterNode cluster;

  private final WriteMemory writeMemory = WriteMemory.ofHeap();
  private final ReceivingMemory receivingMemory = ReceivingMemory.ofHeap();

  /** Marks the warm-up's own requests, to leave them out of the logs and metrics. */
  private final WarmupMark warmupMark = new WarmupMark();

  /** True while the warm-up runs: {@code /health} says so (503), so load balancers wait. */
  private volatile boolean warming;

  /** The thread that runs the warm-up, or null: {@link #close} stops it. */
  private volatile Thread warmup;

  private BylineServer(
      ServerConfig config, ArticleIndex index, dev.byline.cluster.ClusterNode cluster) {
    this.config = config;
    this.index = index;
    this.apiKey = config.apiKey() == null ? null : config.apiKey().getBytes(StandardCharsets.UTF_8);
    this.readKey =
        config.readKey() == null ? null : config.readKey().getBytes(StandardCharsets.UTF_8);
    ObjectMapper json = Json.mapper();
    Embedder embedder = null;
    if (config.semantic() && !index.readOnly()) {
      // The model loads here (about a second); with semantic search off it is never touched.
      embedder =
          dev.byline.embed.EmbeddingModel.named(config.semanticModel())
              .load(Math.max(1, Runtime.getRuntime().availableProcessors()));
      index.embedWith(embedder); // the index owns it from now on
      log.info("semantic search on: {} embeds articles in the background", embedder.name());
    } else if (config.semantic()) {
      // An index of another schema is searched as it is and never written: nothing to embed,
      // and no vectors of this model to search (schemas before 2 had none).
      log.warn(
          "semantic search is off: the index is read-only ({}); reindex it to search by meaning",
          index.readOnlyReason());
    }
    ReindexTasks reindexes = new ReindexTasks(index, config.dataDir());
    StoryTasks reclusterings = new StoryTasks(index);
    this.metrics = new ServerMetrics(index, reindexes::progress);
    this.cluster = cluster;
    if (cluster != null) metrics.cluster(cluster);
    ArticleSearch articleSearch =
        new ArticleSearch(
            index, Clock.systemUTC(), config.limits(), dev.byline.search.Ranking.DEFAULT, embedder);
    metrics.resultCache(articleSearch::cacheStats);
    ArticleApi articles =
        new ArticleApi(
            index,
            articleSearch,
            json,
            config.maxBodyBytes(),
            config.limits().maxBulkArticles(),
            metrics,
            cluster,
            writeMemory,
            receivingMemory);
    SearchApi search =
        new SearchApi(
            articleSearch,
            new RelatedArticles(index),
            new Suggestions(index),
            new dev.byline.search.StoryView(index),
            config,
            metrics,
            warmupMark);
    this.searchApi = search;
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jsonMapper(new JavalinJackson(json, false));
              cfg.http.maxRequestSize = config.maxBodyBytes();
              // A route that exists for other methods: 405 with Allow, not 404 (as the README
              // says).
              cfg.http.prefer405over404 = true;
              // What Jetty refuses before a route sees it is answered in our JSON shape too.
              cfg.jetty.modifyServer(
                  server -> {
                    server.setErrorHandler(new JsonErrorPage());
                    // A stop (SIGTERM, a deploy) answers the requests already begun, up to
                    // STOP_WAIT_MS, before the connections close: Javalin places its handlers
                    // inside this one. Without it a write was applied after the stop while its
                    // client's connection had been closed unanswered.
                    server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
                    server.setStopTimeout(STOP_WAIT_MS);
                  });
              // A WebSocket upgrade is refused before Javalin's WebSocket path, which made a
              // servlet session, never expired, for each one it refused (see NoWebSockets).
              cfg.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new org.eclipse.jetty.ee10.servlet.FilterHolder(new NoWebSockets()),
                          "/*",
                          java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
              // One access-log line per request: method, path, status, milliseconds.
              // The warm-up's own requests are neither (see WarmupMark).
              cfg.requestLogger.http(
                  (ctx, ms) -> {
                    if (warmupMark.marks(ctx)) {
                      metrics.warmupRequest(route(ctx), ctx.statusCode());
                      return;
                    }
                    ACCESS.info(
                        "{} {} {} {}ms",
                        ctx.method(),
                        ctx.path(),
                        ctx.statusCode(),
                        Math.round(ms));
                    metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), ms);
                  });
              cfg.routes.before(ctx -> SAFE_HEADERS.forEach(ctx::header));
              cfg.routes.before(BylineServer::checkPathEncoding);
              cfg.routes.before(QueryParams::checkEncoding);
              cfg.routes.before(BylineServer::checkContentEncoding);
              if (!config.corsOrigins().isEmpty()) {
                // Off unless configured: the pages of those origins may then call the API.
                cfg.routes.before(new CorsPolicy(config.corsOrigins())::apply);
              }
              cfg.routes.before("/api/*", this::authenticate);
              cfg.routes.before("/api/*", this::awaitAfter);
              // The search page: static files from the jar, no CDN, no build step.
              cfg.staticFiles.add(
                  files -> {
                    files.hostedPath = "/static";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                    // The page is a static file too (/static/index.html): the same policy there.
                    Map<String, String> headers = new java.util.HashMap<>(files.headers);
                    headers.put("Content-Security-Policy", PAGE_POLICY);
                    files.headers = headers;
                  });

              // Each GET route answers HEAD by running as GET, the body left out (RFC 9110):
              // Javalin's own HEAD answered 200 with no body where GET answered 404 or 400, so
              // a client checking that an article exists with HEAD was told it did.
              java.util.function.BiConsumer<String, io.javalin.http.Handler> getAndHead =
                  (path, handler) -> {
                    cfg.routes.get(path, handler);
                    cfg.routes.head(path, handler);
                  };
              getAndHead.accept("/", BylineServer::home);
              // Browsers ask for /favicon.ico whatever the page links: the same icon, not a 404.
              getAndHead.accept(
                  "/favicon.ico",
                  ctx ->
                      ctx.contentType("image/svg+xml")
                          .header("Cache-Control", "max-age=86400")
                          .result(Resources.text("/public/favicon.svg")));
              getAndHead.accept("/health", this::health);
              getAndHead.accept(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              getAndHead.accept("/api/search", search::search);
              getAndHead.accept(
                  "/api/suggest", QueryParams.accepting(Set.of("q", "size"), search::suggest));
              getAndHead.accept("/api/stats", QueryParams.none(articles::stats));
              getAndHead.accept(
                  "/api/openapi.json",
                  QueryParams.none(
                      ctx ->
                          ctx.contentType("application/json")
                              .result(Resources.text("/openapi.json"))));
              cfg.routes.post(
                  "/api/snapshots",
                  QueryParams.none(ctx -> articles.snapshot(ctx, DataDir.of(config.dataDir()))));
              cfg.routes.post(
                  "/api/reindex",
                  QueryParams.accepting(
                      Set.of("keep"),
                      ctx -> {
                        String keepText = ctx.queryParam("keep");
                        int keep = QueryParams.wholeNumber(ctx, "keep", 1);
                        if (keep < 1 || keep > 100) {
                          throw new InvalidRequestException(
                              "invalid_parameter",
                              "keep='" + keepText + "' must be a whole number from 1 to 100");
                        }
                        ReindexTasks.Task task = reindexes.start(keep);
                        ctx.status(202)
                            .header("Location", "/api/tasks/" + task.id)
                            .json(task.toJson());
                      }));
              cfg.routes.post(
                  "/api/reindex/rollback",
                  QueryParams.none(
                      ctx ->
                          ctx.json(
                              Map.of(
                                  "live",
                                  index
                                      .rollbackOnline(config.dataDir())
                                      .getFileName()
                                      .toString()))));
              getAndHead.accept(
                  "/api/tasks/{id}",
                  QueryParams.none(
                      ctx ->
                          ctx.json(
                              StoryTasks.task(reindexes, reclusterings, ctx.pathParam("id")))));
              cfg.routes.post(
                  "/api/stories/recluster",
                  QueryParams.accepting(
                      Set.of("threshold"),
                      ctx -> {
                        if (index.readOnly()) {
                          throw new dev.byline.index.IndexReadOnlyException(index.readOnlyReason());
                        }
                        if (cluster != null) {
                          // It would move articles in this node's index only, not through the
                          // topic,
                          // and the nodes would no longer agree on stories.
                          throw new InvalidRequestException(
                              409,
                              "not_in_cluster_mode",
                              "reclustering stories is not supported in cluster mode yet: it would"
                                  + " change this node's index only");
                        }
                        double threshold = threshold(ctx.queryParam("threshold"), config.stories());
                        StoryTasks.Task task = reclusterings.start(threshold);
                        ctx.status(202)
                            .header("Location", "/api/tasks/" + task.id)
                            .json(task.toJson());
                      }));
              cfg.routes.post(
                  "/api/articles", QueryParams.accepting(Set.of("refresh", "url"), articles::post));
              cfg.routes.post("/api/refresh", QueryParams.none(articles::refresh));
              getAndHead.accept(
                  "/api/articles/{id}",
                  QueryParams.accepting(
                      Set.of("q"),
                      // Admitted as searches are: with ?q= the article is highlighted, a search's
                      // work over a whole body, and eight at once shut out the searches; without,
                      // an article of 20 MB is read, decompressed and written as JSON, and 40 read
                      // at once ran a 1 GB heap out of memory (an outside fault hunt: 500s, and
                      // searches and writes stalled for 25 s). Admitted, the rest wait or get a
                      // 429.
                      ctx ->
                          search
                              .slots()
                              .run(
                                  ctx,
                                  turn -> {
                                    articles.get(ctx);
                                    return Boolean.TRUE;
                                  })));
              cfg.routes.delete("/api/articles/{id}", QueryParams.none(articles::delete));
              getAndHead.accept(
                  "/api/articles/{id}/related",
                  QueryParams.accepting(Set.of("size"), search::related));
              getAndHead.accept("/api/stories/{id}", QueryParams.none(search::story));

              ErrorResponses.register(cfg);
            });
  }

  /**
   * Starts a server on the index in {@code config.indexDir()}, opening (or creating) it, with writes
   * checked against the free space of its volume ({@code config.minFreeDiskBytes()}).
   */
  public static BylineServer start(ServerConfig config) throws IOException {
    return start(config, (dev.byline.config.ClusterSettings) null);
  }

  /**
   * As {@link #start(ServerConfig)}, as a node of the cluster {@code cluster} says (issue 18):
   * writes go to its Kafka topic, and the index applies the topic. Null: a single node.
   */
  public static BylineServer start(ServerConfig config, dev.byline.config.ClusterSettings cluster)
      throws IOException {
    DiskSpace disk =
        new DiskSpace(
            config.dataDir(),
            config.minFreeDiskBytes(),
            DiskSpace.FILE_STORE,
            DiskSpace.DEFAULT_RECHECK_NANOS);
    return start(
        config, ArticleIndex.openForServing(config.indexDir(), disk, config.stories()), cluster);
  }

  /**
   * Starts a server on an index the caller opened on {@code config.indexDir()} (tests open one on
   * a disk they fake); the server owns it from now on, and closes it when it stops or fails to start.
   */
  public static BylineServer start(ServerConfig config, ArticleIndex index) throws IOException {
    return start(config, index, null);
  }

  private static BylineServer start(
      ServerConfig config, ArticleIndex index, dev.byline.config.ClusterSettings cluster)
      throws IOException {
    // Lucene's clause limit is JVM-wide: raised once here, never lowered; each search enforces
    // this server's own limit.
    ArticleSearch.allowClausesUpTo(config.limits().maxClauses());
    if (index.readOnlyReason() != null) {
      log.warn("serving read-only: {}", index.readOnlyReason());
    }
    dev.byline.cluster.ClusterNode node = null; // closed here if the server does not start
    try {
      // A snapshot staged when the last server died is half a copy, and kept its name taken.
      dev.byline.index.Snapshots.removeStaged(DataDir.of(config.dataDir()).snapshots());
      // So is a generation whose reindex or restore died building it: a copy of the index.
      dev.byline.index.Reindexer.removeAbandoned(DataDir.of(config.dataDir()));
      if (cluster != null) node = dev.byline.cluster.ClusterNode.start(cluster, index);
      BylineServer server = new BylineServer(config, index, node);
      // Known before the port opens, so that /health never says ok before the warm-up.
      List<String> warmup = server.warmupRequests();
      server.warming = !warmup.isEmpty();
      server.app.start(config.host(), config.port());
      server.writeServerFile();
      server.warmUp(warmup);
      return server;
    } catch (RuntimeException e) {
      if (node != null) node.close();
      index.close();
      if (e instanceof io.javalin.util.JavalinBindException) {
        throw new java.net.BindException(
            "cannot listen on "
                + config.host()
                + ":"
                + config.port()
                + ": the port is in use or not allowed (choose another with --port, or 0 for any free one)");
      }
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  /**
   * The warm-up requests ({@link dev.byline.search.Warmup#requests}) when the warm-up has a budget
   * and the index is large enough; none otherwise, or when they cannot be made (logged).
   */
  private List<String> warmupRequests() {
    if (config.warmupMs() <= 0) return List.of();
    try {
      return index.withSearcher(dev.byline.search.Warmup::requests);
    } catch (IOException | RuntimeException e) {
      log.warn("warm-up skipped: {}", e.toString());
      return List.of();
    }
  }

  /**
   * Starts sending {@code requests} to this server ({@link SelfWarmup}) in the background (so a
   * stop during the warm-up is as graceful as any other); requests are served meanwhile, and
   * {@code /health} answers 503 {@code warming_up} until it ends.
   */
  private void warmUp(List<String> requests) {
    if (requests.isEmpty()) return;
    log.info(
        "warming up: searching itself for at most {} s (less once the JIT compiler has gone"
            + " quiet); serving meanwhile at {}, /health says warming_up until then",
        config.warmupMs() / 1000.0,
        url());
    String base = url();
    warmup =
        Thread.ofPlatform()
            .name("byline-warmup")
            .daemon(true)
            .start(
                () -> {
                  try {
                    // Reads need a key only when a read key is set (authenticate).
                    SelfWarmup.run(
                        base, config.readKey(), warmupMark.value(), requests, config.warmupMs());
                  } finally {
                    warming = false;
                  }
                });
  }

  /** The address to print and to give clients: loopback when listening on every interface. */
  public String url() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("127.0.0.1")) {
      host = "localhost";
    }
    return "http://" + host + ":" + port() + "/";
  }

  public ArticleIndex index() {
    return index;
  }

  /** The permits of admitted searches (tests hold them to see the 429). */
  java.util.concurrent.Semaphore searchPermits() {
    return searchApi.slots().admitted();
  }

  /** The room for bodies being written (tests hold it to see the 429). */
  WriteMemory writeMemory() {
    return writeMemory;
  }

  /** The room for bodies arriving (tests hold it to see the 429). */
  ReceivingMemory receivingMemory() {
    return receivingMemory;
  }

  /** The turns of running searches (tests hold them to see searches wait their turn). */
  java.util.concurrent.Semaphore searchTurns() {
    return searchApi.slots().turns();
  }

  /**
   * How long a stop waits for the requests already begun (a bulk write of 10,000 articles takes
   * several seconds; a search at most its time limit).
   */
  static final long STOP_WAIT_MS = 30_000;

  /**
   * Stops accepting requests, answers those already begun (waiting up to {@link #STOP_WAIT_MS}),
   * commits and closes the index.
   */
  @Override
  public void close() throws IOException {
    Thread running = warmup;
    if (running != null) {
      running.interrupt(); // its senders stop after the request they are in
      try {
        running.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      app.stop();
    } finally {
      Files.deleteIfExists(DataDir.of(config.dataDir()).serverFile());
      metrics.close();
      if (cluster != null) cluster.close(); // stops applying the topic before the index closes
      index.close();
    }
  }

  /** Lets the command line find this server and send its writes here instead of the lock. */
  private void writeServerFile() throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("url", "http://127.0.0.1:" + port() + "/");
    info.put("pid", ProcessHandle.current().pid());
    Files.writeString(
        DataDir.of(config.dataDir()).serverFile(),
        Json.mapper().writeValueAsString(info),
        StandardCharsets.UTF_8);
  }

  /** The route pattern that served a request ("/api/articles/{id}"), so metrics stay few. */
  private static String route(Context ctx) {
    try {
      var endpoint = ctx.endpoints().lastHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /**
   * Writes need the API key when one is configured; reads need the read key (or the API key) when
   * one is configured. Keys are compared in constant time: the time taken says nothing about how
   * much of a key was right.
   */
  private void authenticate(Context ctx) {
    String method = ctx.method().name();
    if (method.equals("OPTIONS")) {
      return; // CORS preflight carries no credentials
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read ? readKey == null : apiKey == null) {
      return;
    }
    String header = ctx.header("Authorization");
    String prefix = "Bearer ";
    byte[] given =
        header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
            ? header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    boolean writeKeyOk = apiKey != null && MessageDigest.isEqual(given, apiKey);
    boolean readKeyOk = read && readKey != null && MessageDigest.isEqual(given, readKey);
    if (!writeKeyOk && !readKeyOk) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"byline\"");
      throw new InvalidRequestException(
          401,
          "unauthorized",
          header == null
              ? "this server needs an API key for "
                  + (read ? "reads" : "writes")
                  + ": send Authorization: Bearer <key>"
              : "the API key is not valid");
    }
  }

  /**
   * {@code GET /health}: 200 {@code {"status": "ok"}}; 200 {@code {"status": "read_only", "reason":
   * ...}} while writes are refused but searches served (a full disk, an old schema); 503 {@code
   * {"status": "unavailable", "reason": ...}} while a failed index writer waits to be reopened, so
   * that a load balancer sends writes elsewhere; 503 {@code {"status": "warming_up", "reason":
   * ...}} while the warm-up runs after a start (requests are served meanwhile, only slower).
   */
  private void health(Context ctx) {
    IndexHealth health = index.health();
    Map<String, Object> body = new LinkedHashMap<>();
    String status = health.state().name().toLowerCase(java.util.Locale.ROOT);
    String reason = health.reason();
    int code = health.state() == IndexHealth.State.UNAVAILABLE ? 503 : 200;
    if (warming && code == 200) {
      status = "warming_up";
      reason =
          "running warm-up searches so that the first requests are fast; requests are served"
              + " meanwhile";
      code = 503;
    }
    if (cluster != null && code == 200) {
      // A node without Kafka still serves searches (200, read_only); one behind the topic is
      // taken out by the load balancer (503) until it has caught up.
      dev.byline.cluster.ClusterNode.Status node = cluster.status();
      if (node.unreachable() != null) {
        status = "read_only";
        reason =
            "cannot reach Kafka, so writes are refused; searches are served from this node's index: "
                + node.unreachable();
      } else if (!node.caughtUp()) {
        status = "catching_up";
        reason =
            node.indexProblem() != null
                ? node.indexProblem()
                : node.lag() < 0
                    ? "this node has not yet seen the end of the topic"
                    : "this node is "
                        + node.lag()
                        + " records behind the topic (at most "
                        + node.maxLag()
                        + " to serve)";
        code = 503;
      }
    }
    body.put("status", status);
    if (reason != null) body.put("reason", reason);
    if (cluster != null) body.put("cluster", ArticleApi.clusterJson(cluster.status()));
    ctx.status(code).json(body);
  }

  /**
   * Read-your-writes (issue 18): a read with {@code ?after=POSITION} (from a write's answer) waits
   * until this node has applied it, at most {@link dev.byline.cluster.ClusterNode#MAX_AFTER_WAIT},
   * then is a 503. On a single node every acknowledged write is already searchable: the position
   * is only checked.
   */
  private void awaitAfter(Context ctx) {
    if (!ctx.method().name().equals("GET")) return;
    String after;
    try {
      after = ctx.queryParam("after");
    } catch (IllegalArgumentException e) {
      return; // not valid URL encoding: the route says so in its own words
    }
    if (after == null) return;
    if (cluster == null) dev.byline.cluster.LogPosition.parse(after);
    else cluster.awaitApplied(after);
  }

  /** The page runs no inline script and loads nothing from elsewhere; it says so to browsers. */
  private static final String PAGE_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " frame-ancestors 'none'";

  private static void home(Context ctx) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.header("Content-Security-Policy", PAGE_POLICY);
    ctx.result(Resources.text("/public/index.html"));
  }

  /** A {@code %} in the path must start an escape ({@code %2F}): Javalin cannot decode it otherwise. */
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /**
   * A body Byline would read as it came: one sent compressed ({@code Content-Encoding: gzip}) was
   * read as text and refused as broken JSON, and one labelled compressed but sent plain was taken.
   */
  private static void checkContentEncoding(Context ctx) {
    String encoding = ctx.header("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
      return;
    }
    throw new InvalidRequestException(
        415,
        "unsupported_media_type",
        "Content-Encoding '"
            + encoding.strip()
            + "' is not accepted: send the body uncompressed (identity)");
  }

  /**
   * Refuses a path that is not valid percent-encoding ({@code /api/articles/%u002e}) before a route
   * sees it: Javalin decodes path parameters before the handler runs and fails with a bare
   * IllegalArgumentException, which cannot be told from a bug.
   */
  private static void checkPathEncoding(Context ctx) {
    String path = ctx.req().getRequestURI();
    if (path != null && BAD_ESCAPE.matcher(path).find()) {
      throw new InvalidRequestException(
          "bad_request",
          "the path '"
              + path
              + "' is not valid percent-encoding: a % must be followed by two hex digits");
    }
  }

  /** {@code threshold} of a reclustering: as given, in (0, 1], or the server's own. */
  private static double threshold(String text, dev.byline.config.StorySettings settings) {
    if (text == null || text.isBlank()) return settings.threshold();
    double t = dev.byline.search.SearchRequest.decimal(text);
    if (!(t > 0 && t <= 1)) {
      throw new InvalidRequestException(
          "invalid_parameter", "threshold='" + text + "' must be a number above 0 and at most 1");
    }
    return t;
  }
}
