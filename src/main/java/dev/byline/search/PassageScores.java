package dev.byline.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage's matched terms, by its default parameters), the
 * same figure to the last bit, computed without a {@code BytesRefHash}: Lucene's scorer makes one
 * per passage, with a 32 KB block, and on long articles that allocation was a sixth of the
 * highlighter's time. A passage holds a few matches, so its distinct terms are found by comparing
 * each with those before it; past {@value #LINEAR_LIMIT} matches Lucene's own scorer runs.
 *
 * <p>Stateless and thread-safe, as {@link PassageScorer} is.
 */
final class PassageScores extends PassageScorer {
  /** Beyond this many matches in a passage, the quadratic search for distinct terms stops paying. */
  static final int LINEAR_LIMIT = 64;

  @Override
  public float score(Passage passage, int contentLength) {
    int matches = passage.getNumMatches();
    if (matches > LINEAR_LIMIT) return super.score(passage, contentLength);
    BytesRef[] terms = passage.getMatchTerms();
    int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
    BytesRef[] distinct = new BytesRef[matches];
    int[] inPassage = new int[matches];
    int[] inDoc = new int[matches];
    int size = 0;
    for (int i = 0; i < matches; i++) {
      int j = 0;
      while (j < size && !distinct[j].bytesEquals(terms[i])) j++;
      if (j == size) {
        // As Lucene's: the first match of a term gives its frequency in the document.
        distinct[j] = terms[i];
        inDoc[j] = freqsInDoc[i];
        size++;
      }
      inPassage[j]++;
    }
    // Summed in the same order and precision as Lucene's, so the passages rank as they did.
    double score = 0;
    for (int j = 0; j < size; j++) {
      score += tf(inPassage[j], passage.getLength()) * weight(contentLength, inDoc[j]);
    }
    score *= norm(passage.getStartOffset());
    return (float) score;
  }
}
