package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageScoresTest {
  @Test
  void scoresEveryPassageExactlyAsLucenesScorerDoes() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "PassageScoresTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    PassageScorer lucene = new PassageScorer();
    PassageScores ours = new PassageScores();
    String[] words = {"budget", "vote", "senate", "bill", "tax", "rate", "mayor", "plan"};
    for (int round = 0; round < 5_000; round++) {
      Passage passage = new Passage();
      int start = random.nextInt(10_000);
      passage.setStartOffset(start);
      passage.setEndOffset(start + 3_100 + random.nextInt(200)); // past the last match
      int offset = start;
      int matches = random.nextInt(round % 50 == 0 ? 100 : 12);
      for (int m = 0; m < matches; m++) {
        offset += 1 + random.nextInt(30); // at most 100 matches: within the passage
        String word = words[random.nextInt(1 + random.nextInt(words.length))];
        // A term's frequency in the document is the same for each of its matches.
        int freq = 1 + Math.floorMod(word.hashCode() + round, 40);
        passage.addMatch(offset, offset + word.length(), new BytesRef(word), freq);
      }
      int contentLength = passage.getEndOffset() + random.nextInt(50_000);
      assertThat(ours.score(passage, contentLength))
          .as("seed %d, round %d", seed, round)
          .isEqualTo(lucene.score(passage, contentLength));
    }
  }
}
