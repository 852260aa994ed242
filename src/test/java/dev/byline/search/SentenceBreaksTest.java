package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceBreaksTest {
  private static final String[] WORDS = {
    "the",
    "budget",
    "vote",
    "Senate",
    "passed",
    "a",
    "bill",
    "on",
    "Tuesday",
    "U.S.",
    "3.5",
    "percent",
    "rates",
    "\"quoted\"",
    "(aside)",
    "mayor's",
    "e.g.",
    "plan"
  };
  private static final String[] ENDS = {". ", "! ", "? ", ".\" ", "?) ", "... ", ".  "};

  private static List<Integer> walk(BreakIterator it) {
    List<Integer> out = new ArrayList<>();
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) out.add(b);
    return out;
  }

  private static String text(Random random) {
    StringBuilder sb = new StringBuilder();
    int sentences = 1 + random.nextInt(8);
    for (int s = 0; s < sentences; s++) {
      int words = 1 + random.nextInt(12);
      for (int w = 0; w < words; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        if (w == 0) word = word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
        sb.append(word).append(w + 1 < words ? " " : "");
      }
      sb.append(ENDS[random.nextInt(ENDS.length)]);
    }
    return random.nextBoolean() ? sb.toString().strip() : sb.toString();
  }

  @Test
  void breaksWhereTheJdkSentenceRulesBreakOnPlainProse() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "SentenceBreaksTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 2_000; round++) {
      String text = text(random);
      BreakIterator jdk = BreakIterator.getSentenceInstance(Locale.ENGLISH);
      jdk.setText(text);
      SentenceBreaks ours = new SentenceBreaks();
      ours.setText(text);
      assertThat(walk(ours))
          .as("seed %d, text [%s]", seed, text.replace("\n", "\\n"))
          .isEqualTo(walk(jdk));
    }
  }

  @Test
  void followingAndPrecedingAgreeWithTheWalkAtEveryOffsetAndAnyBeginIndex() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "SentenceBreaksTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      String text = text(random);
      int begin = random.nextInt(5);
      String padded = "x".repeat(begin) + text;
      SentenceBreaks it = new SentenceBreaks();
      it.setText(new StringCharacterIterator(padded, begin, padded.length(), begin));
      List<Integer> all = walk(it);
      assertThat(all.get(0)).isEqualTo(begin);
      assertThat(all.get(all.size() - 1)).isEqualTo(padded.length());
      for (int offset = begin; offset <= padded.length(); offset++) {
        final int at = offset;
        int expectedNext = all.stream().filter(b -> b > at).findFirst().orElse(BreakIterator.DONE);
        int expectedPrevious =
            all.stream().filter(b -> b < at).reduce((a, b) -> b).orElse(BreakIterator.DONE);
        assertThat(it.following(offset))
            .as("seed %d, following(%d)", seed, at)
            .isEqualTo(expectedNext);
        assertThat(it.preceding(offset))
            .as("seed %d, preceding(%d)", seed, at)
            .isEqualTo(expectedPrevious);
        assertThat(it.isBoundary(offset)).isEqualTo(all.contains(at));
      }
    }
  }

  @Test
  void aLineBreakEndsASentenceEvenWithoutPunctuation() {
    // Unlike the JDK's rules, which read a line break as a space: a body's paragraphs are its
    // lines, and a snippet should not run from a heading into the paragraph under it.
    SentenceBreaks it = new SentenceBreaks();
    it.setText("Budget talks\nThe Senate voted.\n\n3 bills passed.");
    assertThat(walk(it)).containsExactly(0, 13, 32, 47);
  }

  @Test
  void ideographicFullStopsEndSentencesWithoutSpace() {
    SentenceBreaks it = new SentenceBreaks();
    it.setText("今天下雨。明天晴天！好吗？");
    assertThat(walk(it)).containsExactly(0, 5, 10, 13);
  }

  @Test
  void anAbbreviationBeforeALowerCaseWordAndADecimalPointDoNotEndASentence() {
    SentenceBreaks it = new SentenceBreaks();
    it.setText("Rates rose 3.5 percent, e.g. in Ohio. Then fell.");
    assertThat(walk(it)).containsExactly(0, 38, 48);
  }

  @Test
  void emptyText() {
    SentenceBreaks it = new SentenceBreaks();
    it.setText("");
    assertThat(walk(it)).containsExactly(0);
    assertThat(it.following(0)).isEqualTo(BreakIterator.DONE);
    assertThat(it.preceding(0)).isEqualTo(BreakIterator.DONE);
  }

  @Test
  void a_text_without_sentence_ends_is_cut_into_stretches_a_snippet_can_hold() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "SentenceBreaksTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    // A 300 KB body without a full stop was one 200,013-character snippet (fuzzed from outside).
    for (int round = 0; round < 50; round++) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + random.nextInt(20_000);
      while (sb.length() < length) {
        switch (random.nextInt(6)) {
          case 0 -> sb.append(' ');
          case 1 -> sb.append("\uD83D\uDE00"); // a surrogate pair: never cut in two
          case 2 -> sb.append("no sentence ends here ");
          case 3 -> sb.append("x".repeat(random.nextInt(600))); // no space to cut at
          case 4 -> sb.append(random.nextInt(20) == 0 ? ". The next one. " : "word ");
          default -> sb.append((char) ('a' + random.nextInt(26)));
        }
      }
      String text = sb.toString();
      int offset = random.nextInt(3) * 7;
      SentenceBreaks breaks = new SentenceBreaks();
      breaks.setText(
          new java.text.StringCharacterIterator(
              " ".repeat(offset) + text, offset, offset + text.length(), offset));
      List<Integer> all = walk(breaks);
      assertThat(all.get(0)).as("seed %d", seed).isEqualTo(offset);
      assertThat(all.get(all.size() - 1)).as("seed %d", seed).isEqualTo(offset + text.length());
      for (int i = 1; i < all.size(); i++) {
        int from = all.get(i - 1);
        int to = all.get(i);
        assertThat(to - from)
            .as("seed %d, stretch %d..%d", seed, from, to)
            .isPositive()
            .isLessThanOrEqualTo(SentenceBreaks.MAX_SENTENCE_CHARS);
        if (to < offset + text.length()) {
          assertThat(Character.isLowSurrogate(text.charAt(to - offset)))
              .as("seed %d: cut inside a surrogate pair at %d", seed, to)
              .isFalse();
        }
      }
    }
  }
}
