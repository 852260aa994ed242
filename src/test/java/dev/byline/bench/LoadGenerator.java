package dev.byline.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a server over HTTP from outside its JVM, as an independent harness does: {@code
 * connections} kept-alive connections, each sending the next path as soon as the last answer is
 * read (closed loop), for {@code seconds} from the first request. Counts answers per {@value
 * #WINDOW_SECONDS} s window.
 *
 * <p>With {@code wrk} installed it is the driver (one {@code wrk} run per window, so each window's
 * figure is wrk's own); without it, {@link #javaLoad} does the same with blocking sockets and a
 * hand-written HTTP/1.1 reader: no per-request work beyond writing the request line and reading the
 * answer's bytes, which the JDK's HTTP clients do not promise.
 */
final class LoadGenerator {
  static final int WINDOW_SECONDS = 5;

  private LoadGenerator() {}

  /** Answers per window, in order, and which driver produced them. */
  @SuppressWarnings("ArrayRecordComponent") // figures to print, never compared or hashed
  record Windows(String driver, double[] qps, double[] cpu) {
    /** The mean QPS of the windows from index {@code from} (inclusive) on. */
    double meanFrom(int from) {
      double sum = 0;
      int n = 0;
      for (int i = Math.max(0, from); i < qps.length; i++, n++) sum += qps[i];
      return n == 0 ? 0 : sum / n;
    }
  }

  /** Whether {@code wrk} is on the PATH (and so drives the load unless told otherwise). */
  static boolean wrkInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) return true;
    }
    return false;
  }

  /**
   * {@code paths} (each starting with {@code /}) against {@code 127.0.0.1:port} for {@code
   * seconds}, with wrk when {@code useWrk} and it is installed.
   */
  static Windows run(
      int port,
      List<String> paths,
      int connections,
      int seconds,
      boolean useWrk,
      java.util.function.DoubleSupplier cpuSeconds)
      throws Exception {
    return useWrk && wrkInstalled()
        ? wrk(port, paths, connections, seconds, cpuSeconds)
        : javaLoad(port, paths, connections, seconds, cpuSeconds);
  }

  /** The CPU seconds process {@code pid} has used so far (all its threads), or 0 off Linux. */
  static double processCpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  // ---- wrk ----

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(m?s)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  static Windows wrk(
      int port,
      List<String> paths,
      int connections,
      int seconds,
      java.util.function.DoubleSupplier cpuSeconds)
      throws Exception {
    Path dir = Files.createTempDirectory("byline-wrk-");
    try {
      Path list = dir.resolve("paths.txt");
      Files.write(list, paths);
      Path script = dir.resolve("paths.lua");
      // Each wrk thread walks the list from its own offset; nothing is done per answer.
      Files.writeString(
          script,
          """
          local paths = {}
          local i = 0
          init = function(args)
            for line in io.lines(args[1]) do paths[#paths + 1] = line end
            i = math.random(#paths)
          end
          request = function()
            i = i % #paths + 1
            return wrk.format("GET", paths[i])
          end
          """);
      int windows = Math.max(1, seconds / WINDOW_SECONDS);
      double[] qps = new double[windows];
      double[] cpu = new double[windows];
      int threads = Math.min(2, connections);
      for (int w = 0; w < windows; w++) {
        double cpuBefore = cpuSeconds.getAsDouble();
        Process p =
            new ProcessBuilder(
                    "wrk",
                    "-t" + threads,
                    "-c" + connections,
                    "-d" + WINDOW_SECONDS + "s",
                    "--timeout",
                    "30s",
                    "-s",
                    script.toString(),
                    "http://127.0.0.1:" + port,
                    "--",
                    list.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(WINDOW_SECONDS + 60L, TimeUnit.SECONDS) || p.exitValue() != 0)
          throw new IllegalStateException("wrk failed: " + out);
        Matcher m = REQUESTS.matcher(out);
        if (!m.find()) throw new IllegalStateException("wrk printed no request count: " + out);
        Matcher bad = NON_2XX.matcher(out);
        if (bad.find() && Long.parseLong(bad.group(1)) > 0)
          throw new IllegalStateException("wrk saw error answers: " + out);
        double duration = Double.parseDouble(m.group(2)) / (m.group(3).equals("ms") ? 1000 : 1);
        qps[w] = Long.parseLong(m.group(1)) / duration;
        cpu[w] = cpuSeconds.getAsDouble() - cpuBefore;
      }
      return new Windows("wrk 2 threads", qps, cpu);
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.deleteIfExists(f);
      }
    }
  }

  // ---- the Java fallback ----

  static Windows javaLoad(
      int port,
      List<String> paths,
      int connections,
      int seconds,
      java.util.function.DoubleSupplier cpuSeconds)
      throws Exception {
    int windows = Math.max(1, seconds / WINDOW_SECONDS);
    AtomicLongArray counts = new AtomicLongArray(windows);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos((long) windows * WINDOW_SECONDS);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int offset = c * paths.size() / connections;
      threads.add(
          Thread.ofPlatform()
              .name("load-" + c)
              .start(
                  () -> {
                    try (Connection conn = new Connection(port)) {
                      for (int i = offset; ; i++) {
                        conn.get(paths.get(i % paths.size()));
                        long now = System.nanoTime();
                        if (now >= end || failure.get() != null) return;
                        counts.incrementAndGet(
                            (int) ((now - start) / TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)));
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    double[] cpu = new double[windows];
    double last = cpuSeconds.getAsDouble();
    for (int w = 0; w < windows; w++) {
      long boundary = start + (w + 1) * TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
      for (long now = System.nanoTime(); now < boundary; now = System.nanoTime())
        Thread.sleep(Math.max(1, (boundary - now) / 1_000_000));
      double current = cpuSeconds.getAsDouble();
      cpu[w] = current - last;
      last = current;
    }
    for (Thread t : threads) t.join();
    if (failure.get() != null) throw new IllegalStateException("load failed", failure.get());
    double[] qps = new double[windows];
    for (int w = 0; w < windows; w++) qps[w] = counts.get(w) / (double) WINDOW_SECONDS;
    return new Windows("Java sockets", qps, cpu);
  }

  /** One kept-alive HTTP/1.1 connection; reads Content-Length and chunked answers. */
  static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] skip = new byte[64 * 1024];

    Connection(int port) throws IOException {
      socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** Sends a GET and reads the whole answer; fails on anything but 200. */
    void get(String path) throws IOException {
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = line();
      long length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
        else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked"))
          chunked = true;
      }
      if (chunked) {
        for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
            size > 0;
            size = Long.parseLong(line().split(";")[0].trim(), 16)) {
          discard(size);
          line();
        }
        while (!line().isEmpty()) {} // trailers
      } else if (length >= 0) {
        discard(length);
      } else {
        throw new IOException("an answer without length: " + status);
      }
      if (!status.startsWith("HTTP/1.1 200")) throw new IOException(path + " -> " + status);
    }

    private void discard(long n) throws IOException {
      while (n > 0) {
        int read = in.read(skip, 0, (int) Math.min(skip.length, n));
        if (read < 0) throw new IOException("connection closed mid-answer");
        n -= read;
      }
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) throw new IOException("connection closed");
        if (b != '\r') sb.append((char) b);
      }
      return sb.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
