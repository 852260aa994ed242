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

  Progress(PrintStream out, boolean interactive, int files, long totalBytes) {
    this.out = out;
    this.interactive = interactive;
    this.files = files;
    this.totalBytes = Math.max(1, totalBytes);
  }

  void startFile(Path file) {
    fileNumber++;
    articlesAtFileStart = articles;
    draw(file);
  }

  void articles(long count) {
    articles = count;
    draw(null);
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
          "[%d/%d] %s: %d articles%n",
          fileNumber,
          files,
          file,
          articles - articlesAtFileStart);
    }
    draw(null);
  }

  void done() {
    if (interactive) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  private void draw(Path file) {
    if (!interactive) {
      return;
    }
    double fraction = Math.min(1.0, doneBytes / (double) totalBytes);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
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
