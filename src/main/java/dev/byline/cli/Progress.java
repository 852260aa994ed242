package dev.byline.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress of {@code byline index}: a bar redrawn in place on a terminal, a plain line per file
 * otherwise (logs and pipes get no carriage returns).
 */
final class Progress {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean interactive;
  private final int files;
  private final long totalBytes;
  private final long started = System.nanoTime();
  private long doneBytes;
  private int fileNumber;
  private long articles;
  private long articlesAtFileStart;
  private long totalArticles = -1;

  Progress(PrintStream out, boolean interactive, int files, long totalBytes) {
    this.out = out;
    this.interactive = interactive;
    this.files = files;
    this.totalBytes = Math.max(1, totalBytes);
  }

  void startFile(Path file) {
    fileNumber++;
    articlesAtFileStart = articles;
    draw();
  }

  void articles(long count) {
    articles = count;
    draw();
  }

  /** Articles done out of a known total: the bar then shows the share, the rate and an ETA. */
  void articles(long count, long total) {
    articles = count;
    totalArticles = total;
    draw();
  }

  void endFile(Path file) {
    try {
      doneBytes += java.nio.file.Files.size(file);
    } catch (java.io.IOException e) {
      // the file vanished meanwhile; the bar is only a guide
    }
    if (!interactive) {
      out.printf(
          Locale.ROOT,
          "[%d/%d] %s: %d article%s%n",
          fileNumber,
          files,
          file,
          articles - articlesAtFileStart,
          articles - articlesAtFileStart == 1 ? "" : "s");
    }
    draw();
  }

  void done() {
    if (interactive) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  private void draw() {
    if (!interactive) {
      return;
    }
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
    if (totalArticles > 0) {
      double share = Math.min(1.0, articles / (double) totalArticles);
      int bar = (int) Math.round(share * WIDTH);
      double rate = articles / seconds;
      long eta = rate > 0 ? Math.round((totalArticles - articles) / rate) : -1;
      out.printf(
          Locale.ROOT,
          "\r\033[K[%s%s] %3d%%  %,d/%,d articles  %,.0f/s  ETA %s",
          "#".repeat(bar),
          "-".repeat(WIDTH - bar),
          Math.round(share * 100),
          articles,
          totalArticles,
          rate,
          eta < 0 ? "?" : eta / 60 + "m" + String.format(Locale.ROOT, "%02d", eta % 60) + "s");
      out.flush();
      return;
    }
    double fraction = Math.min(1.0, doneBytes / (double) totalBytes);
    int filled = (int) Math.round(fraction * WIDTH);
    out.printf(
        Locale.ROOT,
        "\r\033[K[%s%s] %3d%%  file %d/%d  %,d articles  %,.0f/s",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        Math.round(fraction * 100),
        fileNumber,
        files,
        articles,
        articles / seconds);
    out.flush();
  }
}
