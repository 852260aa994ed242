package dev.byline.cli;

import dev.byline.index.ArticleIndex;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a task in steps ({@code byline stories}): on a terminal, a bar for the current step
 * redrawn in place; otherwise a line when each step starts and one when it ends (logs and pipes
 * get no carriage returns).
 */
final class StepProgress implements ArticleIndex.ReclusterProgress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000;

  private final PrintStream out;
  private final boolean interactive;
  private String step;
  private long total = -1;
  private long done;
  private long stepStarted;
  private long lastDraw;

  StepProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public synchronized void step(String name, long total) {
    if (name.equals(step) && total == this.total) return; // a server's step seen again
    end();
    step = name;
    this.total = total;
    done = 0;
    stepStarted = System.nanoTime();
    if (!interactive) {
      out.println(name + (total >= 0 ? String.format(Locale.ROOT, " (%,d)", total) : "") + "...");
    }
    draw(true);
  }

  @Override
  public synchronized void done(long done) {
    this.done = done;
    draw(false);
  }

  /** Ends the last step. */
  synchronized void finish() {
    end();
    step = null;
  }

  private void end() {
    if (step == null) return;
    double seconds = (System.nanoTime() - stepStarted) / 1e9;
    if (interactive) out.print("\r\033[K");
    out.printf(Locale.ROOT, "%s: %,d done in %.1f s%n", step, done, seconds);
    out.flush();
  }

  private void draw(boolean now) {
    if (!interactive || step == null) return;
    long t = System.nanoTime();
    if (!now && t - lastDraw < REDRAW_NANOS) return;
    lastDraw = t;
    if (total > 0) {
      double share = Math.min(1.0, done / (double) total);
      int bar = (int) Math.round(share * WIDTH);
      out.printf(
          Locale.ROOT,
          "\r\033[K[%s%s] %3d%%  %s  %,d/%,d",
          "#".repeat(bar),
          "-".repeat(WIDTH - bar),
          Math.round(share * 100),
          step,
          done,
          total);
    } else {
      out.printf(Locale.ROOT, "\r\033[K%s  %,d", step, done);
    }
    out.flush();
  }
}
