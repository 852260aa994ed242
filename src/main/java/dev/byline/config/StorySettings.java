package dev.byline.config;

/**
 * How the index finds stories, the groups of near-duplicate articles (issue 16; see {@code
 * dev.byline.story}). Given to the index when it is opened; the same for every write it takes.
 *
 * @param detect whether each article written is compared with those indexed to find its story. On
 *     by default: collapsing search results needs stories, and detection costs a share of ingest
 *     (see the README's figures). Off, articles written get no story and no story keys; each then
 *     reads as a story of its own (its id), so collapsing changes nothing, and a later {@code byline
 *     reindex} with detection on finds their stories.
 * @param threshold the containment of shingle sets at or above which an article joins a story, in
 *     (0, 1]: lower joins more (and risks merging different stories on one topic), higher joins
 *     fewer variants. It applies to articles written from then on; stories already given stay.
 */
public record StorySettings(boolean detect, double threshold) {
  /** Chosen by {@code bin/bench stories}: see {@code StoryDetector.DEFAULT_THRESHOLD}. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  public static final StorySettings DEFAULTS = new StorySettings(true, DEFAULT_THRESHOLD);

  /** Detection off (to measure what it costs, or to ingest without it). */
  public static final StorySettings OFF = new StorySettings(false, DEFAULT_THRESHOLD);

  public StorySettings {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new InvalidConfigException(
          "story-threshold must be > 0 and <= 1 (got: " + threshold + ")");
    }
  }

  /**
   * Reads {@code --stories} as typed: {@code on} or {@code off}.
   *
   * @throws InvalidConfigException for anything else
   */
  public static boolean parseDetect(String value) {
    return switch (value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new InvalidConfigException("stories must be on or off (got: " + value + ")");
    };
  }
}
