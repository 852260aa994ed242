package dev.byline.cli;

import dev.byline.config.StorySettings;
import picocli.CommandLine.Option;

/**
 * How the index finds stories, for every command that writes articles ({@code serve}, {@code
 * demo}, {@code index}, {@code reindex}); also settable in the config file ({@code stories = off},
 * {@code story-threshold = 0.6}) or the environment ({@code BYLINE_STORIES}, {@code
 * BYLINE_STORY_THRESHOLD}), as {@link ConfigDefaults} says.
 */
public final class StoryOptions {
  @Option(
      names = "--stories",
      paramLabel = "on|off",
      defaultValue = "on",
      description =
          "Find the story (the group of near-duplicate copies) of each article written (default: ${DEFAULT-VALUE}; off: each article is its own story).")
  String stories;

  @Option(
      names = "--story-threshold",
      paramLabel = "X",
      defaultValue = "" + StorySettings.DEFAULT_THRESHOLD,
      description =
          "Share of an article's 3-word shingles another must contain to join its story, above 0 and at most 1 (default: ${DEFAULT-VALUE}).")
  double threshold;

  /** The settings typed, checked. */
  StorySettings settings() {
    return new StorySettings(StorySettings.parseDetect(stories), threshold);
  }
}
