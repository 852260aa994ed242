package dev.byline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.IndexLockedException;
import dev.byline.ingest.ItemResult;
import dev.byline.ingest.JsonDocumentReader;
import dev.byline.ingest.NdjsonReader;
import dev.byline.ingest.PageReader;
import dev.byline.ingest.RawItem;
import dev.byline.ingest.RawItemReader;
import dev.byline.ingest.extract.Extractor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code byline index PATH...}: reads JSON and JSON Lines files and indexes their articles, through
 * a running server on the data directory when there is one, else straight into the index.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index articles from files or folders of .json (an article or an array), .jsonl and .ndjson"
          + " (one article per line), and raw pages: .txt (text dumps) and .html/.htm, from which"
          + " the article is extracted (see `byline extract`).",
      "Sends them to the server running on the data directory if there is one, else writes the"
          + " index directly. Exits 1 if any article was rejected."
    })
public final class IndexCommand implements Callable<Integer> {
  static final int CHUNK = 500;

  @Mixin DataDirOption data;

  /** Used when this command writes the index itself; a running server uses its own. */
  @Mixin StoryOptions stories;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to index.")
  List<Path> paths;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json, text or html: how to read every file (default: by extension).")
  String format;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key for a running server that requires one (env BYLINE_API_KEY).")
  String apiKey;

  private final ObjectMapper json = new ObjectMapper();
  private Extractor.Format forced;

  /** One rejected article (or file) for the summary. */
  record Rejection(Path file, int line, String reason) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
  }

  @Override
  public Integer call() throws Exception {
    List<Rejection> rejections = new ArrayList<>();
    List<Rejection> warnings = new ArrayList<>();
    forced = format == null ? null : PageFormats.parse(format);
    List<Path> files = collect(rejections);
    long totalBytes = 0;
    for (Path file : files) {
      totalBytes += Files.size(file);
    }
    PrintStream out = System.out;
    Progress progress = new Progress(System.err, Terminal.interactive(), files.size(), totalBytes);
    long read = 0;
    long created = 0;
    long updated = 0;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try (ItemSink sink = openSink(http)) {
      for (Path file : files) {
        progress.startFile(file);
        try (InputStream in = Files.newInputStream(file);
            RawItemReader reader = readerFor(file, in)) {
          for (List<RawItem> chunk = reader.next(CHUNK);
              !chunk.isEmpty();
              chunk = reader.next(CHUNK)) {
            for (RawItem item : chunk) {
              if (!item.warnings().isEmpty()) {
                warnings.add(new Rejection(file, 0, String.join(", ", item.warnings())));
              }
            }
            for (ItemResult result : sink.accept(chunk)) {
              read++;
              switch (result.status()) {
                case ItemResult.CREATED -> created++;
                case ItemResult.UPDATED -> updated++;
                default -> rejections.add(new Rejection(file, result.line(), result.error()));
              }
            }
            progress.articles(read);
          }
        } catch (InvalidRequestException e) {
          // The file's JSON structure is broken: what came before the break is indexed.
          rejections.add(new Rejection(file, 0, e.getMessage()));
        } catch (IOException e) {
          rejections.add(new Rejection(file, 0, "cannot read: " + e.getMessage()));
        }
        progress.endFile(file);
      }
      progress.done();
      out.printf(
          Locale.ROOT,
          "read %d, created %d, updated %d, rejected %d (into %s)%n",
          read,
          created,
          updated,
          rejections.size(),
          sink.describe());
      String settled = created + updated > 0 ? sink.settle() : null;
      if (settled != null) out.println(settled);
    }
    for (Rejection warning : warnings) {
      out.println("  warning  " + warning);
    }
    for (Rejection rejection : rejections) {
      out.println("  rejected " + rejection);
    }
    return rejections.isEmpty() ? 0 : 1;
  }

  private ItemSink openSink(HttpClient http) throws IOException {
    Optional<URI> server = RunningServer.find(data.get(), http);
    if (server.isPresent()) {
      return new RemoteSink(http, server.get(), apiKey);
    }
    ArticleIndex index;
    try {
      index = ArticleIndex.open(DataDir.of(data.get()).liveIndex(), stories.settings());
    } catch (IndexLockedException e) {
      throw new IndexLockedException(
          e.getMessage()
              + "; no server on "
              + data.get()
              + " has written "
              + DataDir.of(data.get()).serverFile().getFileName()
              + " (a `byline index` still running, or a server still starting?), so nothing was indexed",
          e);
    }
    if (index.feedPosition() != null) {
      // A cluster node's index must hold what its topic holds, and nothing else.
      index.close();
      throw new IndexLockedException(
          "the index at "
              + data.get()
              + " is a cluster node's (fed by a Kafka topic): start the node (serve --kafka ...)"
              + " and index through it, so that every node gets the articles; nothing was indexed",
          null);
    }
    return new LocalSink(index);
  }

  private RawItemReader readerFor(Path file, InputStream in) throws IOException {
    Extractor.Format page = pageFormat(file);
    if (page != null) {
      if (Files.size(file) > Extractor.MAX_PAGE_BYTES) {
        throw new IOException("larger than " + Extractor.MAX_PAGE_BYTES / (1024 * 1024) + " MiB");
      }
      return new PageReader(in.readAllBytes(), page, null);
    }
    return switch (extension(file)) {
      case "json" -> new JsonDocumentReader(in, json);
      default -> new NdjsonReader(in, json);
    };
  }

  private Extractor.Format pageFormat(Path file) {
    if (format != null) {
      return forced;
    }
    return Extractor.Format.ofFileName(file.getFileName().toString());
  }

  private List<Path> collect(List<Rejection> rejections) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).filter(this::isSupported).sorted().forEach(files::add);
        }
      } else if (!Files.exists(path)) {
        rejections.add(new Rejection(path, 0, "no such file or folder"));
      } else if (!isSupported(path)) {
        rejections.add(
            new Rejection(
                path,
                0,
                "not a .json, .jsonl, .ndjson, .txt or .html file; nothing read (or use --format)"));
      } else {
        files.add(path);
      }
    }
    return files;
  }

  private boolean isSupported(Path file) {
    if (format != null) {
      return true;
    }
    return switch (extension(file)) {
      case "json", "jsonl", "ndjson", "txt", "text", "html", "htm", "xhtml" -> true;
      default -> false;
    };
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
