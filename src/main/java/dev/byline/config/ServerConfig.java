package dev.byline.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a server runs; built once at start and validated there.
 *
 * @param host the address to listen on ({@value #DEFAULT_HOST} by default: nothing outside this
 *     machine can reach the write API unless the operator says so)
 * @param port the port; 0 picks a free one
 * @param dataDir the data directory (its layout: {@link DataDir})
 * @param apiKey the key writes must present as {@code Authorization: Bearer <key>}, or null when
 *     writes are open
 * @param maxBodyBytes the largest request body accepted; larger ones get a 413
 * @param slowQueryMs searches slower than this are logged (with their parameters)
 * @param limits per-request limits
 * @param readKey a key reads of {@code /api/*} must present (the write key works too), or null
 *     when reads are open
 * @param corsOrigins origins (like {@code https://news.example}) whose pages may call the API from
 *     a browser; empty: CORS off
 * @param minFreeDiskBytes the flood stage: writes are refused (507) while the index's volume has
 *     less free space than this, and accepted again above 1.5 times it; null for automatic (5% of
 *     the volume, at least 100 MiB and at most 2 GiB); 0 refuses only writes that would not fit
 * @param stories how the index finds stories ({@link StorySettings#DEFAULTS} when null)
 * @param semantic search by meaning as well as words (issue 17): the embedding model is loaded,
 *     articles get vectors in the background and searches are hybrid unless they ask otherwise;
 *     off by default, and then the model is not loaded at all
 * @param semanticModel which of the models that ship with Byline embeds ({@value
 *     #DEFAULT_SEMANTIC_MODEL} when null; the name is checked where the model is loaded)
 * @param warmupMs at most how long a started server warms up, sending itself searches (see {@code
 *     dev.byline.search.Warmup}); 0 for none, the default of {@link #defaults} (the command line's
 *     {@code serve} warms up for up to 60 s by default)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String apiKey,
    long maxBodyBytes,
    long slowQueryMs,
    Limits limits,
    String readKey,
    java.util.List<String> corsOrigins,
    Long minFreeDiskBytes,
    StorySettings stories,
    boolean semantic,
    String semanticModel,
    long warmupMs) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;
  public static final long DEFAULT_SLOW_QUERY_MS = 1_000;
  public static final String DEFAULT_SEMANTIC_MODEL = "minilm";

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(limits, "limits");
    if (stories == null) stories = StorySettings.DEFAULTS;
    if (semanticModel == null || semanticModel.isBlank()) semanticModel = DEFAULT_SEMANTIC_MODEL;
    if (port < 0 || port > 65_535) {
      throw new InvalidConfigException("port must be between 0 and 65535 (got: " + port + ")");
    }
    if (maxBodyBytes < 1) {
      throw new InvalidConfigException("max body size must be > 0 (got: " + maxBodyBytes + ")");
    }
    if (slowQueryMs < 0) {
      throw new InvalidConfigException("slow-query-ms must be >= 0 (got: " + slowQueryMs + ")");
    }
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    if (readKey != null && readKey.isBlank()) {
      readKey = null;
    }
    if (minFreeDiskBytes != null && minFreeDiskBytes < 0) {
      throw new InvalidConfigException(
          "min-free-disk-mb must be >= 0 (got: " + minFreeDiskBytes / (1024 * 1024) + ")");
    }
    if (warmupMs < 0) {
      throw new InvalidConfigException("warmup-ms must be >= 0 (got: " + warmupMs + ")");
    }
    corsOrigins = corsOrigins == null ? java.util.List.of() : java.util.List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new InvalidConfigException(
            "cors-origins: '" + origin + "' is not an origin such as https://news.example");
      }
    }
  }

  /** Defaults for everything but the data directory. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        dataDir,
        null,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_SLOW_QUERY_MS,
        Limits.DEFAULTS,
        null,
        java.util.List.of(),
        null,
        StorySettings.DEFAULTS,
        false,
        DEFAULT_SEMANTIC_MODEL,
        0);
  }

  public ServerConfig withPort(int newPort) {
    return with(b -> b.port = newPort);
  }

  public ServerConfig withApiKey(String key) {
    return with(b -> b.apiKey = key);
  }

  public ServerConfig withMaxBodyBytes(long bytes) {
    return with(b -> b.maxBodyBytes = bytes);
  }

  public ServerConfig withLimits(Limits newLimits) {
    return with(b -> b.limits = newLimits);
  }

  public ServerConfig withReadKey(String key) {
    return with(b -> b.readKey = key);
  }

  public ServerConfig withMinFreeDiskBytes(Long bytes) {
    return with(b -> b.minFreeDiskBytes = bytes);
  }

  public ServerConfig withCorsOrigins(java.util.List<String> origins) {
    return with(b -> b.corsOrigins = origins);
  }

  public ServerConfig withStories(StorySettings settings) {
    return with(b -> b.stories = settings);
  }

  public ServerConfig withSemantic(boolean on) {
    return with(b -> b.semantic = on);
  }

  public ServerConfig withSemanticModel(String model) {
    return with(b -> b.semanticModel = model);
  }

  public ServerConfig withSlowQueryMs(long ms) {
    return with(b -> b.slowQueryMs = ms);
  }

  public ServerConfig withWarmupMs(long ms) {
    return with(b -> b.warmupMs = ms);
  }

  /** This configuration with {@code change} made to a copy of its values, validated again. */
  private ServerConfig with(java.util.function.Consumer<Values> change) {
    Values v = new Values(this);
    change.accept(v);
    return new ServerConfig(
        v.host,
        v.port,
        v.dataDir,
        v.apiKey,
        v.maxBodyBytes,
        v.slowQueryMs,
        v.limits,
        v.readKey,
        v.corsOrigins,
        v.minFreeDiskBytes,
        v.stories,
        v.semantic,
        v.semanticModel,
        v.warmupMs);
  }

  /** The values of a configuration, to change one before building the next. */
  private static final class Values {
    String host;
    int port;
    Path dataDir;
    String apiKey;
    long maxBodyBytes;
    long slowQueryMs;
    Limits limits;
    String readKey;
    java.util.List<String> corsOrigins;
    Long minFreeDiskBytes;
    StorySettings stories;
    boolean semantic;
    String semanticModel;
    long warmupMs;

    Values(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      apiKey = c.apiKey;
      maxBodyBytes = c.maxBodyBytes;
      slowQueryMs = c.slowQueryMs;
      limits = c.limits;
      readKey = c.readKey;
      corsOrigins = c.corsOrigins;
      minFreeDiskBytes = c.minFreeDiskBytes;
      stories = c.stories;
      semantic = c.semantic;
      semanticModel = c.semanticModel;
      warmupMs = c.warmupMs;
    }
  }

  /** The live index inside the data directory (see {@link DataDir#liveIndex}). */
  public Path indexDir() {
    return DataDir.of(dataDir).liveIndex();
  }
}
