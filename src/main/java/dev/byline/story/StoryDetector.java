package dev.byline.story;

import java.io.IOException;
import java.util.List;

/**
 * Decides which story an article joins: the story of the most similar candidate whose {@link
 * StorySignature#containment containment} with it reaches the threshold, or none (the article
 * then starts a story of its own). Candidates come from a {@link Candidates} lookup, typically an
 * LSH search on {@link StorySignature#bandKeys} and the {@link StorySignature#bodyHash}; the
 * detector confirms each with the exact measure, so a lookup may return false positives but every
 * true near-duplicate it misses is a missed join. Thread-safe (stateless).
 */
public final class StoryDetector {
  /**
   * The containment at or above which an article joins a candidate's story: chosen by the
   * evaluation ({@code bin/bench stories}), where syndicated variants keeping 60% of the text
   * score above it and different stories on the same topic, with the same names, well below.
   */
  public static final double DEFAULT_THRESHOLD = dev.byline.config.StorySettings.DEFAULT_THRESHOLD;

  /**
   * Fewest shared shingles for a join other than an exact copy: a two-line brief is not the same
   * story as every long article that happens to contain its sentence.
   */
  public static final int MIN_COMMON_SHINGLES = 8;

  /**
   * At most this many candidates are confirmed per article (the best by shared band keys). A true
   * copy that shares only one or two bands ties with articles on the same topic sharing one: at 16
   * the evaluation lost up to 6 variants in 900 to the cut, depending on the order of ties.
   */
  public static final int MAX_CANDIDATES = 32;

  /**
   * An indexed candidate whose MinHash {@link StorySignature#sketch sketch} estimates its Jaccard
   * similarity with the article below this is turned down unread. The copies the detector is for
   * are far above it (a variant keeping 60% of the text, with boilerplate added, is near 0.4,
   * where the estimate falls below 0.1 about once in 80,000, at 0.3 once in 700); a short article inside one ten times
   * its length (Jaccard about 0.1) is found only sometimes, as the band keys already find it only
   * one time in five.
   */
  public static final double MIN_ESTIMATED_JACCARD = 0.1;

  private final double threshold;

  public StoryDetector() {
    this(DEFAULT_THRESHOLD);
  }

  public StoryDetector(double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }

  /** An article already indexed (or written earlier, not yet searchable) that may be a copy. */
  public record Candidate(String id, String story, StorySignature signature) {}

  /** Finds the candidates of a signature. */
  @FunctionalInterface
  public interface Candidates {
    /**
     * At most {@code max} articles sharing a band key or the body hash with {@code signature},
     * those sharing the most first; an exact copy (same body hash) must be among them if any.
     */
    List<Candidate> near(StorySignature signature, int max) throws IOException;
  }

  /** A confirmed near-duplicate: the candidate joined and its similarity. */
  public record Match(Candidate candidate, double similarity) {}

  /** The best confirmed near-duplicate among the candidates, or null when none is. */
  public Match detect(StorySignature signature, Candidates candidates) throws IOException {
    Match best = null;
    for (Candidate c : candidates.near(signature, MAX_CANDIDATES)) {
      double similarity = similarity(signature, c.signature());
      if (similarity >= threshold && (best == null || similarity > best.similarity())) {
        best = new Match(c, similarity);
      }
    }
    return best;
  }

  /** The measure compared with the threshold: containment, 0 below the shared-shingle floor. */
  public static double similarity(StorySignature a, StorySignature b) {
    if (a.bodyHash().equals(b.bodyHash()) && a.shingleCount() == b.shingleCount()) return 1.0;
    double containment = a.containment(b);
    int common = (int) Math.round(containment * Math.min(a.shingleCount(), b.shingleCount()));
    return common < MIN_COMMON_SHINGLES ? 0.0 : containment;
  }
}
