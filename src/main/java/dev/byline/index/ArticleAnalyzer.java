package dev.byline.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Analysis of English article text: Unicode word breaks, possessives dropped, lower case, folded
 * to ASCII (so {@code tubic} finds "Tubić"), English stop words removed, and light stemming.
 *
 * <p>KStem rather than Porter: it conflates plurals and tenses ({@code elections} / {@code
 * election}, {@code voted} / {@code vote}) but not words of different meaning that Porter merges
 * ({@code university} / {@code universe}, {@code news} / {@code new}), which matters for a news
 * archive. Folding comes before stop words so that an accented stop word is still one.
 */
public final class ArticleAnalyzer extends Analyzer {
  private final boolean stem;

  /** @param stem whether to stem; names (authors) are folded but not stemmed */
  public ArticleAnalyzer(boolean stem) {
    this.stem = stem;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    result = new ASCIIFoldingFilter(result);
    if (stem) {
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      result = new KStemFilter(result);
    }
    return new TokenStreamComponents(source, result);
  }

  /** What prefix, wildcard and fuzzy terms go through: case and accents only, never stemming. */
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
