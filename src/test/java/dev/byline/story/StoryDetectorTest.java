package dev.byline.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoryDetectorTest {
  private static final long SEED = Long.getLong("stories.seed", System.nanoTime());

  static {
    System.out.println(
        "StoryDetectorTest seed: " + SEED + " (-Dstories.seed=" + SEED + " repeats it)");
  }

  @Test
  void exact_copies_hash_alike_whatever_their_case_punctuation_and_spacing() {
    StorySignature a =
        StorySignature.of("The mayor said, on Monday: \"No.\"\n\nBoats may moor again.");
    StorySignature b = StorySignature.of("the MAYOR said on monday no boats   may moor again");
    assertThat(a.bodyHash()).isEqualTo(b.bodyHash());
    assertThat(a.bandKeys()).isEqualTo(b.bandKeys()).hasSize(StorySignature.BANDS);
    assertThat(StoryDetector.similarity(a, b)).isEqualTo(1.0);
    assertThat(StorySignature.of("").bandKeys()).isEmpty();
    // Fewer shingles than the floor: nothing but an exact copy can join, so no keys.
    assertThat(StorySignature.of("A platypus numbered kill-0-3-7").bandKeys()).isEmpty();
  }

  @Test
  void the_hash_functions_stay_fixed_so_that_keys_indexed_earlier_still_match() {
    // Changing any of these values needs a new schema version (Schema.VERSION) and a reindex:
    // new articles would otherwise silently stop joining the stories of indexed ones.
    StorySignature s =
        StorySignature.of(
            "The harbour authority said on Monday that the new fish market on the old quay will"
                + " open in April, after two years of building work and a dispute over the rent.");
    assertThat(s.bodyHash()).isEqualTo("48c0f6368f8caeb27cdc36e2e9fe3e1d");
    assertThat(s.shingleCount()).isEqualTo(29);
    assertThat(s.bandKeys())
        .hasSize(StorySignature.BANDS)
        .startsWith(0x77eaaccd90d5b29dL, 0x4a96a9b8b5245d53L, 0xff1cf1c77966ecfcL)
        .endsWith(0x64eeb38f14995f15L);
  }

  @Test
  void words_are_hashed_as_by_code_point_whatever_the_mix_of_scripts() {
    // wordHashes reads ASCII without Character's tables; the hashes must stay those of the
    // code-point reading that the indexed keys were made with.
    Random random = new Random(SEED);
    String alphabet = "aZ9 .,-'\n\tÉéßİıΣσ中文字\uD835\uDC00\uD801\uDC00\uD800Ǆ٣\u00A0";
    for (int t = 0; t < 2_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(60); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(StorySignature.wordHashes(text.toString()))
          .as("seed %d: %s", SEED, text)
          .isEqualTo(byCodePoint(text.toString()));
    }
  }

  /** The hashing of {@link StorySignature#wordHashes} as first written: one code point at a time. */
  private static long[] byCodePoint(String text) {
    List<Long> out = new java.util.ArrayList<>();
    long h = 0xCBF2_9CE4_8422_2325L;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        h = (h ^ Character.toLowerCase(cp)) * 0x1000_0000_01B3L;
        inWord = true;
      } else if (inWord) {
        out.add(mix(h));
        h = 0xCBF2_9CE4_8422_2325L;
        inWord = false;
      }
    }
    if (inWord) out.add(mix(h));
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  @Test
  void a_body_of_few_distinct_shingles_gets_no_keys_however_long() {
    StorySignature repeated = StorySignature.of("Buy now. ".repeat(500));
    assertThat(repeated.shingleCount()).isLessThan(StoryDetector.MIN_COMMON_SHINGLES);
    assertThat(repeated.bandKeys()).isEmpty();
    assertThat(repeated.sketch()).isEmpty();
    // Seven distinct shingles over and over: under the floor; nine: over it.
    StorySignature seven = StorySignature.of("a b c d e f g ".repeat(40));
    assertThat(seven.shingleCount()).isEqualTo(7);
    assertThat(seven.bandKeys()).isEmpty();
    StorySignature nine = StorySignature.of("a b c d e f g h i ".repeat(40));
    assertThat(nine.shingleCount()).isEqualTo(9);
    assertThat(nine.bandKeys()).hasSize(StorySignature.BANDS);
    assertThat(StorySignature.of("a b c d e f g h i").bandKeys()).isEmpty(); // seven, once
  }

  @Test
  void a_trimmed_copy_is_contained_and_shares_bands_an_unrelated_text_does_not() {
    Random random = new Random(SEED);
    SyndicationGenerator gen = new SyndicationGenerator(SEED);
    var topic = gen.topic(random);
    int sharing = 0;
    for (int i = 0; i < 20; i++) {
      var story = gen.story(topic, random);
      var other = gen.story(topic, random);
      List<List<String>> half = story.paragraphs().subList(0, (story.paragraphs().size() + 1) / 2);
      StorySignature full = StorySignature.of(story.body());
      StorySignature trimmed = StorySignature.of(SyndicationGenerator.join(half));
      StorySignature different = StorySignature.of(other.body());
      assertThat(full.containment(trimmed)).as("seed %d", SEED).isEqualTo(1.0);
      assertThat(full.jaccard(trimmed)).isLessThan(1.0);
      assertThat(StoryDetector.similarity(full, different)).as("seed %d", SEED).isLessThan(0.2);
      if (shareABand(full, trimmed)) sharing++;
    }
    // A half copy has a Jaccard similarity near 0.5 with the whole: each band of 2 rows matches
    // with probability ~1/4, so one of 21 bands or more with probability ~0.998, not 1 (a copy
    // missed here is what the bench's pair recall counts). Measured over seeds 1-20,000: fewer
    // than 18 of 20 in 4 (the bound was 18 and failed CI with seed 46579545845343), fewer than 17
    // in none.
    assertThat(sharing).as("seed %d: half copies sharing a band", SEED).isGreaterThanOrEqualTo(16);
  }

  @Test
  void the_sketch_estimates_jaccard_and_turns_down_unrelated_texts_only() {
    Random random = new Random(SEED);
    SyndicationGenerator gen = new SyndicationGenerator(SEED);
    var topic = gen.topic(random);
    int turnedDown = 0;
    for (int i = 0; i < 20; i++) {
      var story = gen.story(topic, random);
      var other = gen.story(topic, random);
      int keep = 1 + random.nextInt(story.paragraphs().size());
      StorySignature full = StorySignature.of(story.body());
      StorySignature part =
          StorySignature.of(SyndicationGenerator.join(story.paragraphs().subList(0, keep)));
      StorySignature different = StorySignature.of(other.body());
      assertThat(full.sketch()).hasSize(StorySignature.SKETCH_BYTES);
      double estimate = StorySignature.estimatedJaccard(full.sketch(), part.sketch());
      // 42 MinHash values: a standard deviation of at most 0.08; 0.35 is over 4.5 of them.
      assertThat(estimate).as("seed %d", SEED).isCloseTo(full.jaccard(part), within(0.35));
      if (full.jaccard(part) >= 0.4 && part.bandKeys().length > 0) {
        assertThat(estimate).as("seed %d", SEED).isGreaterThan(StoryDetector.MIN_ESTIMATED_JACCARD);
      }
      if (StorySignature.estimatedJaccard(full.sketch(), different.sketch())
          < StoryDetector.MIN_ESTIMATED_JACCARD) turnedDown++;
      assertThat(StorySignature.estimatedJaccard(full.sketch(), full.sketch())).isEqualTo(1.0);
    }
    // Same topic and names, another story (a few shared phrases): turned down unread. Measured over
    // seeds 1-20,000: 20 of 20 in 96.9% of them, under 19 in 0.47% (this bound was 19 and failed CI
    // with seed 45716195044585), under 15 in one. A sketch that did not work would turn down
    // almost none.
    assertThat(turnedDown)
        .as("seed %d: other stories turned down", SEED)
        .isGreaterThanOrEqualTo(15);
    // No sketch (a body too short for band keys, an article of an older index): no estimate.
    byte[] none = StorySignature.of("A platypus numbered kill-0-3-7").sketch();
    assertThat(none).isEmpty();
    assertThat(StorySignature.estimatedJaccard(none, none)).isEqualTo(-1);
    assertThat(StorySignature.estimatedJaccard(new byte[3], new byte[3])).isEqualTo(-1);
  }

  @Test
  void the_detector_joins_the_most_similar_confirmed_candidate_or_none() throws Exception {
    String base =
        "harbour ferry fares rose again on monday as the council met to discuss the budget for"
            + " the coming year and the state of the old quay which needs repairs soon";
    StorySignature article = StorySignature.of(base);
    StorySignature near = StorySignature.of(base + " said the mayor");
    StorySignature half =
        StorySignature.of(
            base.substring(0, base.length() / 2) + " unrelated words follow here in a row now");
    StorySignature brief = StorySignature.of("harbour ferry fares rose again"); // too few shingles
    StoryDetector detector = new StoryDetector(0.5);
    var match =
        detector.detect(
            article,
            (sig, max) ->
                List.of(
                    new StoryDetector.Candidate("h", "story-h", half),
                    new StoryDetector.Candidate("b", "story-b", brief),
                    new StoryDetector.Candidate("n", "story-n", near)));
    assertThat(match.candidate().story()).isEqualTo("story-n");
    assertThat(
            detector.detect(
                article, (sig, max) -> List.of(new StoryDetector.Candidate("b", "story-b", brief))))
        .isNull();
  }

  private static boolean shareABand(StorySignature a, StorySignature b) {
    long[] theirs = b.bandKeys();
    for (long key : a.bandKeys()) {
      for (long other : theirs) if (key == other) return true;
    }
    return false;
  }
}
