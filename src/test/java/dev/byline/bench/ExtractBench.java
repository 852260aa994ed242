package dev.byline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.errors.InvalidRequestException;
import dev.byline.ingest.LargePages;
import dev.byline.ingest.extract.Extraction;
import dev.byline.ingest.extract.Extractor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The extraction speed kit (a benchmark, not a test): times {@link Extractor#extract} on every real
 * page of the extraction dev set in a warm JVM, and on a generated 20 MB page. The JVM is warmed up
 * by whole passes over the pages first; then each page is timed once per pass, and a page's figure
 * is its median over the passes. Prints and writes {@code target/bench/extract.md}: median, p90,
 * p99 and max ms per page, the slowest pages, and the big page's times. Run with {@code bin/bench
 * extract [folder=../shared/extraction] [passes=10] [warm-up passes=5] [big page runs=3]}.
 *
 * <p>A folder with a {@code truth.jsonl} is the dev set: its real pages are timed and its fixtures
 * left out. Any other folder: the {@code .html} files in it (or in its {@code pages/}). Without
 * the folder, only the big page runs.
 */
public final class ExtractBench {
  /** One page to time. */
  @SuppressWarnings("ArrayRecordComponent") // the page's bytes, never compared or hashed
  record Page(String name, byte[] bytes) {}

  /**
   * One page's times over the timed passes, in nanoseconds: wall clock, and the CPU time of the
   * thread that extracted it (which other processes on a busy machine disturb less).
   */
  @SuppressWarnings("ArrayRecordComponent") // raw timings, never compared or hashed
  record Timing(String name, int bytes, long[] nanos, long[] cpuNanos) {
    double medianMs() {
      return median(nanos) / 1e6;
    }

    double cpuMedianMs() {
      return median(cpuNanos) / 1e6;
    }

    private static double median(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    double maxMs() {
      return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
  }

  /** What a run measured. */
  @SuppressWarnings("ArrayRecordComponent") // raw timings, never compared or hashed
  record Result(
      String source,
      int warmups,
      int passes,
      List<Timing> pages,
      int failures,
      List<BigPage> big) {}

  /** A generated page's runs: what it is, its size, each run's wall clock and thread CPU. */
  @SuppressWarnings("ArrayRecordComponent") // raw timings, never compared or hashed
  record BigPage(String what, int bytes, long[] nanos, long[] cpuNanos, int bodyChars) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ExtractBench() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "../shared/extraction");
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int bigRuns = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Result result = run(folder, passes, warmups, LargePages.TWENTY_MB, bigRuns);
    String md = report(result);
    System.out.print(md);
    Path out = Path.of("target/bench");
    Files.createDirectories(out);
    Files.writeString(out.resolve("extract.md"), md, StandardCharsets.UTF_8);
    System.out.println("written to " + out.resolve("extract.md"));
  }

  /**
   * Times the pages in {@code folder} ({@code passes} timed passes after {@code warmups} untimed
   * ones), then a generated page of {@code bigBytes} characters {@code bigRuns} times.
   */
  static Result run(Path folder, int passes, int warmups, int bigBytes, int bigRuns)
      throws IOException {
    List<Page> pages = pages(folder);
    String source =
        pages.isEmpty() ? "no pages found at " + folder : pages.size() + " pages from " + folder;
    int[] failures = new int[1];
    for (int w = 0; w < warmups; w++) {
      for (Page page : pages) time(page.bytes(), failures);
    }
    failures[0] = 0;
    List<Timing> timings = new ArrayList<>();
    for (Page page : pages)
      timings.add(new Timing(page.name(), page.bytes().length, new long[passes], new long[passes]));
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < pages.size(); i++) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        timings.get(i).nanos()[pass] = time(pages.get(i).bytes(), failures);
        timings.get(i).cpuNanos()[pass] = THREADS.getCurrentThreadCpuTime() - cpu;
      }
    }
    int pageFailures = passes == 0 ? 0 : failures[0] / passes;

    List<BigPage> big = new ArrayList<>();
    if (bigRuns > 0) {
      big.add(
          timeBig("one `<article>` of ordinary paragraphs", LargePages.html(bigBytes), bigRuns));
      // The costliest shape a page may have and still be taken: as many short lines as the
      // element limit allows, none of them a sentence (every pass and the text rules read them).
      int lines = Math.min(Extractor.MAX_ELEMENTS - 1_000, bigBytes / 20);
      big.add(
          timeBig(
              String.format(Locale.ROOT, "%,d one-line paragraphs that are not sentences", lines),
              LargePages.shortLines(lines),
              bigRuns));
    }
    return new Result(source, warmups, passes, timings, pageFailures, big);
  }

  private static BigPage timeBig(String what, String html, int runs) {
    byte[] page = html.getBytes(StandardCharsets.UTF_8);
    long[] nanos = new long[runs];
    long[] cpuNanos = new long[runs];
    int bodyChars = 0;
    for (int r = 0; r < runs; r++) {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Extraction extraction = Extractor.extract(page, Extractor.Format.HTML, null);
      nanos[r] = System.nanoTime() - start;
      cpuNanos[r] = THREADS.getCurrentThreadCpuTime() - cpu;
      bodyChars = extraction.body().length();
    }
    return new BigPage(what, page.length, nanos, cpuNanos, bodyChars);
  }

  private static long time(byte[] page, int[] failures) {
    long start = System.nanoTime();
    try {
      Extractor.extract(page, Extractor.Format.HTML, null);
    } catch (InvalidRequestException e) {
      failures[0]++;
    }
    return System.nanoTime() - start;
  }

  /** The dev set's real pages, or the {@code .html} files of any other folder; none when it is absent. */
  static List<Page> pages(Path folder) throws IOException {
    List<Page> pages = new ArrayList<>();
    Path truth = folder.resolve("truth.jsonl");
    if (Files.isRegularFile(truth)) {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(truth, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonNode t = json.readTree(line);
        if (t.path("fixture").asBoolean(false)) continue;
        String name = t.get("name").asText();
        pages.add(
            new Page(name, Files.readAllBytes(folder.resolve("pages").resolve(name + ".html"))));
      }
      return pages;
    }
    Path dir = Files.isDirectory(folder.resolve("pages")) ? folder.resolve("pages") : folder;
    if (!Files.isDirectory(dir)) return pages;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList()) {
        String name = f.getFileName().toString();
        pages.add(
            new Page(name.substring(0, name.length() - ".html".length()), Files.readAllBytes(f)));
      }
    }
    return pages;
  }

  /** The nearest-rank quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String report(Result r) {
    StringBuilder md = new StringBuilder("# Extraction speed (`bin/bench extract`)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "JDK %s, %d cores; %s.%n%n",
            Runtime.version(),
            Runtime.getRuntime().availableProcessors(),
            r.source()));
    if (!r.pages().isEmpty()) {
      double[] medians = r.pages().stream().mapToDouble(Timing::medianMs).sorted().toArray();
      Timing slowestRun =
          r.pages().stream().max(Comparator.comparingDouble(Timing::maxMs)).orElseThrow();
      double perPass = Arrays.stream(medians).sum();
      md.append(
          String.format(
              Locale.ROOT,
              "`Extractor.extract` per page in a warm JVM (%d warm-up passes, then %d timed passes; a page's figure is its median over the passes)%s:%n%n",
              r.warmups(),
              r.passes(),
              r.failures() == 0 ? "" : ", " + r.failures() + " pages refused as unreadable"));
      double[] cpu = r.pages().stream().mapToDouble(Timing::cpuMedianMs).sorted().toArray();
      md.append(
          "| time | pages | median ms | p90 ms | p99 ms | max ms | mean ms | slowest single run |\n|---|---|---|---|---|---|---|---|\n");
      md.append(
          String.format(
              Locale.ROOT,
              "| wall clock | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f ms (%s) |%n",
              medians.length,
              quantile(medians, 0.5),
              quantile(medians, 0.9),
              quantile(medians, 0.99),
              medians[medians.length - 1],
              perPass / medians.length,
              slowestRun.maxMs(),
              slowestRun.name()));
      md.append(
          String.format(
              Locale.ROOT,
              "| thread CPU | %d | %.1f | %.1f | %.1f | %.1f | %.1f | |%n%n",
              cpu.length,
              quantile(cpu, 0.5),
              quantile(cpu, 0.9),
              quantile(cpu, 0.99),
              cpu[cpu.length - 1],
              Arrays.stream(cpu).sum() / cpu.length));
      md.append(
          "Slowest pages (wall clock):\n\n| page | KB | median ms | max ms | CPU median ms |\n|---|---|---|---|---|\n");
      r.pages().stream()
          .sorted(Comparator.comparingDouble(Timing::medianMs).reversed())
          .limit(10)
          .forEach(
              t ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %d | %.1f | %.1f | %.1f |%n",
                          t.name(),
                          t.bytes() / 1024,
                          t.medianMs(),
                          t.maxMs(),
                          t.cpuMedianMs())));
      md.append('\n');
    }
    for (BigPage big : r.big()) {
      md.append(
          String.format(
              Locale.ROOT,
              "A generated page of %.1f MB (%s; %,d characters of body), %d runs: ",
              big.bytes() / (1024.0 * 1024),
              big.what(),
              big.bodyChars(),
              big.nanos().length));
      List<String> runs = new ArrayList<>();
      for (int i = 0; i < big.nanos().length; i++) {
        runs.add(
            String.format(
                Locale.ROOT,
                "%,d ms (thread CPU %,d ms)",
                big.nanos()[i] / 1_000_000,
                big.cpuNanos()[i] / 1_000_000));
      }
      md.append(String.join(", ", runs)).append(".\n");
    }
    return md.toString();
  }
}
