package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import dev.byline.article.PublicationDate;
import dev.byline.story.StorySignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;

/**
 * The one place that says how an article becomes a Lucene document and back. The indexer and the
 * searcher both read it; a change here that alters what is in the index must bump {@link
 * #VERSION}, which makes Byline refuse old indexes and ask for a reindex.
 */
public final class Schema {
  /**
   * Version of the on-disk layout; recorded in every commit. 2: stop words kept in title and body
   * (see {@link ArticleAnalyzer}). {@link #STORY} and {@link #STORY_KEYS} came without a new
   * version: they only add fields, and an article indexed without them reads as a story of its own
   * ({@link Article#storyId}). 3: the band keys in {@link #STORY_KEYS} are of {@link
   * StorySignature#BANDS} bands of {@link StorySignature#ROWS} (were 42 of 3), with {@link
   * #STORY_SKETCH}: a new article's keys would match none of an older index's, so its
   * near-duplicates there would go unfound, silently; a reindex computes every article's keys
   * again and keeps the story ids. 4: the keys in {@link #STORY_KEYS} are binary, 8 bytes a band
   * key and 16 the body hash ({@link #bandTerm}, {@link #bodyHashTerm}; were text, as {@code
   * "<band>:<hex>"} and {@code "h:<hex>"}): the terms dictionary no longer tries to compress
   * their hexadecimal suffixes at every flush and merge, which was a third of detection's cost
   * at 100,000 articles; an older index's keys would match none of the new ones. 5: title, body,
   * names and the vocabulary also hold each word's joined form ("teen-age" as {@code teenage},
   * "F.B.I." as {@code fbi}, "don't" as {@code dont}; see {@link ArticleAnalyzer#JOINED_TYPE}),
   * decomposed accents and soft hyphens are dropped, and the forms of "cooperate" no longer stem
   * to {@code cooper}: an older index lacks the forms queries now look for. 6: the source's name
   * and the web address's site are searchable names ({@link #SOURCE_NAME}, {@link #SOURCE_TEXT}), a word after an
   * elided article ("l'Assemblée") is also indexed alone, "Node.js" also as {@code nodejs} and
   * "C++" as {@code c++} (see {@code JoinedForms}): an older index holds none of them.
   */
  public static final int VERSION = 6;

  /** Commit user-data key holding {@link #VERSION}. */
  public static final String VERSION_KEY = "byline.schema";

  public static final String ID = "id";
  public static final String URL = "url";
  public static final String TITLE = "title";
  public static final String BODY = "body";
  public static final String AUTHOR = "author";
  public static final String SOURCE = "source";
  public static final String CATEGORY = "category";
  public static final String LANGUAGE = "language";
  public static final String DATE = "date";

  /** Author names analysed (folded, not stemmed) so that words in the query box find bylines. */
  public static final String AUTHOR_TEXT = "author_text";

  /**
   * The words of the source's name and of the site in the article's web address ({@code
   * arstechnica} of {@code https://arstechnica.com/…}), analysed as names are, documents only:
   * words the archive holds, for the spelling ("engadget" was shown as "engaged"). Searches
   * match whole names ({@link #SOURCE_NAME}), not these words.
   */
  public static final String SOURCE_TEXT = "source_text";

  /**
   * The source's name whole and the site of the web address, each as one exact term in the names'
   * analysis without stop words ({@link #sourceName}: "The Washington Post" as {@code washington
   * post}): the search box finds a site's articles by its name typed ("engadget xbox", "washington
   * post tunisia", "nytimes debt"), where the source was only a filter. A whole name, not its
   * words: "harbour" must not match every article of the "Harbour Courier", nor "times" every
   * one of the New York Times.
   */
  public static final String SOURCE_NAME = "source_name";

  /**
   * Every word of title and body, folded but not stemmed: the vocabulary "did you mean" suggests
   * from (stems are not words to show a reader). Indexed with documents only, no positions.
   */
  public static final String SPELL = "spell";

  /**
   * The article's meaning as a vector (title and lead, see {@code dev.byline.embed.Embedder}), for
   * semantic search: an HNSW graph over int7-quantized copies (see {@link #codec}), the full
   * floats kept beside them for exact rescoring. Only present once the article has been embedded,
   * which happens after its write is acknowledged: a document without it is one still to embed
   * ({@link #unembedded}). A reindex from the stored articles (online or offline) carries it over
   * to the new generation while the text it was computed from is unchanged ({@link
   * #VECTOR_TEXT}); a rebuild from raw sources writes documents without it, and they are embedded
   * again. Adding it needed no {@link #VERSION} bump, since an index without vectors is an index
   * whose articles are all still to embed.
   *
   * <p>This is the field of bge-small's vectors ({@link #LEGACY_VECTOR_MODEL}, the only model
   * until 5 December); each other model has its own ({@link #vectorField}), since vectors of two
   * models cannot be compared. A document holds the vector of one model at most: the one it was
   * last embedded with.
   */
  static final String VECTOR = "vector";

  /** The model whose vectors are in {@link #VECTOR}. */
  static final String LEGACY_VECTOR_MODEL = dev.byline.embed.EmbeddingModel.BGE_SMALL.modelName();

  /** What the field of any other model's vectors starts with. */
  private static final String VECTOR_PREFIX = "vector.";

  /**
   * The field that holds the vectors of the model named {@code model} ({@code
   * dev.byline.embed.Embedder#name}): so an index embedded by one model and then searched with
   * another finds none of the first one's vectors, and embeds its articles again.
   */
  public static String vectorField(String model) {
    return LEGACY_VECTOR_MODEL.equals(model) ? VECTOR : VECTOR_PREFIX + model;
  }

  /** Whether {@code field} holds vectors ({@link #vectorField}). */
  static boolean isVectorField(String field) {
    return VECTOR.equals(field) || field.startsWith(VECTOR_PREFIX);
  }

  /**
   * An article's vector and the field it is in (which names the model that computed it, see
   * {@link #vectorField}).
   */
  // Carried from a document to the next one, never compared or hashed: the array's identity
  // semantics in equals() do not matter.
  @SuppressWarnings("ArrayRecordComponent")
  record StoredVector(String field, float[] values) {}

  /**
   * Marks an article the embedding pipeline set aside: the model failed on it every time it was
   * tried (see {@code EmbeddingPipeline}). Such an article is not {@linkplain #unembedded still to
   * embed}, so no round or restart picks it again; a new version of it (which is written without
   * the mark) or a reindex gives it another chance. An exact term, not stored.
   */
  static final String EMBEDDING_FAILED = "embedding_failed";

  /**
   * A hash of the text the article's {@link #VECTOR} was computed from ({@link
   * dev.byline.embed.Embedder#passage}), stored beside it: a reindex carries the vector over to
   * the new generation only while the text it would embed now hashes the same (see {@link
   * #vectorTextHash}), so a change to what is embedded makes the vector be computed again.
   */
  static final String VECTOR_TEXT = "vector_text";

  /** The hash stored in {@link #VECTOR_TEXT}: 64-bit FNV-1a over the passage's UTF-16 units. */
  static long vectorTextHash(Article article) {
    String text = dev.byline.embed.Embedder.passage(article);
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Vectors are unit length, so the dot product is their cosine, without the division. */
  public static final VectorSimilarityFunction VECTOR_SIMILARITY =
      VectorSimilarityFunction.DOT_PRODUCT;

  /** Publication year as a keyword with doc values: the year histogram counts it. */
  public static final String YEAR = "year";

  /**
   * The story the article is in (see {@link dev.byline.story}): stored (a reindex copies it, so
   * story ids survive one), an exact term to filter by, doc values to count or group by.
   */
  public static final String STORY = "story";

  /**
   * How near-duplicates are found: the article's MinHash band keys and its body hash ({@link
   * StorySignature}) as binary terms ({@link #bandTerm}, {@link #bodyHashTerm}), indexed only (no
   * positions, norms or stored value).
   */
  public static final String STORY_KEYS = "story_keys";

  /**
   * The article's MinHash {@link StorySignature#sketch sketch}, in binary doc values (schema 3): a
   * candidate sharing a band key by chance is turned down on it, without reading and re-shingling
   * its body. Absent when the article has no band keys.
   */
  public static final String STORY_SKETCH = "story_sketch";

  /** Keyword fields: matched exactly, filtered and counted as facets. */
  public static final Set<String> KEYWORD_FIELDS =
      Set.of(ID, AUTHOR, SOURCE, CATEGORY, LANGUAGE, STORY);

  /** Fields the query box searches, in a fixed order; their weights are the search side's choice. */
  public static final List<String> TEXT_FIELDS = List.of(TITLE, BODY, AUTHOR_TEXT);

  /**
   * Title and body: full-text with offsets in the postings, so the highlighter reads match
   * positions from the index instead of re-analysing the text of every hit. Stored, so the article
   * can be returned, highlighted and re-indexed without the source files.
   */
  private static final FieldType TEXT_WITH_OFFSETS = new FieldType();

  /** Author names as searchable words: positions for phrase queries, no offsets (not shown). */
  private static final FieldType NAME_TEXT = new FieldType();

  private static final FieldType SPELL_TEXT = new FieldType();

  static {
    TEXT_WITH_OFFSETS.setTokenized(true);
    TEXT_WITH_OFFSETS.setStored(true);
    TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    TEXT_WITH_OFFSETS.freeze();
    NAME_TEXT.setTokenized(true);
    NAME_TEXT.setStored(false);
    NAME_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    NAME_TEXT.freeze();
    SPELL_TEXT.setTokenized(true);
    SPELL_TEXT.setStored(false);
    SPELL_TEXT.setOmitNorms(true);
    SPELL_TEXT.setIndexOptions(IndexOptions.DOCS);
    SPELL_TEXT.freeze();
  }

  private Schema() {}

  /** The analyzer for writing and for queries: English text, folded names, exact keywords. */
  public static Analyzer analyzer() {
    Analyzer text = new ArticleAnalyzer(ArticleAnalyzer.Stemming.PORTER);
    Analyzer keyword = new KeywordAnalyzer();
    Map<String, Analyzer> perField =
        Map.of(
            AUTHOR_TEXT, new ArticleAnalyzer(ArticleAnalyzer.Stemming.NONE),
            SOURCE_TEXT, new ArticleAnalyzer(ArticleAnalyzer.Stemming.NONE),
            SPELL, new ArticleAnalyzer(ArticleAnalyzer.Stemming.NONE),
            ID, keyword,
            AUTHOR, keyword,
            SOURCE, keyword,
            CATEGORY, keyword,
            LANGUAGE, keyword,
            STORY, keyword,
            URL, keyword);
    return new PerFieldAnalyzerWrapper(text, perField);
  }

  /** Names' analysis, for {@link #sourceName}: folded, not stemmed, stop words typed. */
  private static final Analyzer NAMES = new ArticleAnalyzer(ArticleAnalyzer.Stemming.NONE);

  /** Longest source name indexed whole, in characters; a longer one is matched by no query. */
  private static final int MAX_SOURCE_NAME_CHARS = 200;

  private static void addSourceName(Document doc, String name) {
    doc.add(new Field(SOURCE_TEXT, name, SPELL_TEXT));
    String whole = sourceName(name);
    if (!whole.isEmpty() && whole.length() <= MAX_SOURCE_NAME_CHARS)
      doc.add(new StringField(SOURCE_NAME, whole, Field.Store.NO));
  }

  /**
   * A source's name as {@link #SOURCE_NAME} holds it, and as the search box looks words up in it:
   * its words in the names' analysis (folded, lower case, a word's joined form left out), stop
   * words left out, one space between: "The Times of India" is {@code times india}. Empty when
   * nothing is left.
   */
  public static String sourceName(String name) {
    StringBuilder out = new StringBuilder();
    try (org.apache.lucene.analysis.TokenStream ts = NAMES.tokenStream(SOURCE_TEXT, name)) {
      var term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      var type = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TypeAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (ArticleAnalyzer.STOP_TYPE.equals(type.type())
            || ArticleAnalyzer.JOINED_TYPE.equals(type.type())) continue;
        if (!out.isEmpty()) out.append(' ');
        out.append(term);
      }
      ts.end();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // analysing a String does no I/O
    }
    return out.toString();
  }

  /** The term that identifies an article: updates and deletes go through it. */
  public static Term idTerm(String id) {
    return new Term(ID, id);
  }

  /**
   * The term that finds the articles whose body is an exact copy of one with this hash ({@link
   * StorySignature#bodyHash}, hexadecimal): its 16 bytes, so never equal to a {@link #bandTerm}.
   */
  public static Term bodyHashTerm(String bodyHash) {
    return new Term(STORY_KEYS, new BytesRef(java.util.HexFormat.of().parseHex(bodyHash)));
  }

  /**
   * The term that finds the articles sharing this LSH band key ({@link StorySignature#bandKeys}):
   * its 8 bytes, big-endian. Random bytes, unlike hexadecimal text, are not worth the terms
   * dictionary's attempts to compress them.
   */
  public static Term bandTerm(long bandKey) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) bytes[i] = (byte) (bandKey >>> (56 - 8 * i));
    return new Term(STORY_KEYS, new BytesRef(bytes));
  }

  public static Document toDocument(Article article) {
    return toDocument(article, StorySignature.of(article.body()));
  }

  /**
   * As {@link #toDocument(Article)}, with the signature of its body already computed and the
   * article's vector: a null signature leaves the story keys out (story detection turned off), a
   * null vector leaves the vector out (not embedded yet, or semantic search off). The vector, when
   * given, is of unit length.
   */
  public static Document toDocument(Article article, StorySignature signature) {
    return toDocument(article, signature, null);
  }

  /** As {@link #toDocument(Article, StorySignature)}, with the article's vector (null: none). */
  static Document toDocument(Article article, StorySignature signature, StoredVector vector) {
    Document doc = new Document();
    if (vector != null) {
      doc.add(new KnnFloatVectorField(vector.field(), vector.values(), VECTOR_SIMILARITY));
      doc.add(new StoredField(VECTOR_TEXT, vectorTextHash(article)));
    }
    // id: exact term for update/delete, sorted doc values as the stable tie-break for paging.
    doc.add(new StringField(ID, article.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(article.id())));
    if (article.url() != null) {
      doc.add(new StoredField(URL, article.url()));
    }
    doc.add(new Field(TITLE, article.title(), TEXT_WITH_OFFSETS));
    doc.add(new Field(BODY, article.body(), TEXT_WITH_OFFSETS));
    doc.add(new Field(SPELL, article.title() + "\n" + article.body(), SPELL_TEXT));
    // author, source, category: exact terms for filters, doc values for facet counts.
    for (String author : article.author()) {
      addKeyword(doc, AUTHOR, author);
      doc.add(new Field(AUTHOR_TEXT, author, NAME_TEXT));
    }
    if (article.source() != null) {
      addKeyword(doc, SOURCE, article.source());
      addSourceName(doc, article.source());
    }
    String site = SiteNames.of(article.url());
    if (site != null) addSourceName(doc, site);
    for (String category : article.category()) {
      addKeyword(doc, CATEGORY, category);
    }
    if (article.language() != null) {
      doc.add(new StringField(LANGUAGE, article.language(), Field.Store.YES));
    }
    if (article.story() != null) addKeyword(doc, STORY, article.story());
    doc.add(
        new org.apache.lucene.document.BinaryDocValuesField(
            HitSummary.FIELD, HitSummary.encode(article)));
    if (signature != null) {
      doc.add(
          new StringField(STORY_KEYS, bodyHashTerm(signature.bodyHash()).bytes(), Field.Store.NO));
      for (long key : signature.bandKeys()) {
        doc.add(new StringField(STORY_KEYS, bandTerm(key).bytes(), Field.Store.NO));
      }
      byte[] sketch = signature.sketch();
      if (sketch.length > 0) {
        doc.add(
            new org.apache.lucene.document.BinaryDocValuesField(
                STORY_SKETCH, new BytesRef(sketch)));
      }
    }
    PublicationDate date = article.date();
    if (date != null) {
      // Point for range filters, doc values for sorting, the text as given for display, and the
      // year as a keyword so the histogram is an ordinary facet.
      doc.add(new LongPoint(DATE, date.epochMillis()));
      doc.add(new NumericDocValuesField(DATE, date.epochMillis()));
      doc.add(new StoredField(DATE, date.text()));
      doc.add(new SortedSetDocValuesField(YEAR, new BytesRef(Integer.toString(date.year()))));
    }
    return doc;
  }

  /**
   * The articles still to embed: those without a vector in {@code field} (the model's, see {@link
   * #vectorField}) that the pipeline has not set aside ({@link #embeddingFailed}).
   */
  static Query unembedded(String field) {
    return new BooleanQuery.Builder()
        .add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.MUST)
        .add(new FieldExistsQuery(field), BooleanClause.Occur.MUST_NOT)
        .add(embeddingFailed(), BooleanClause.Occur.MUST_NOT)
        .build();
  }

  /** The articles the embedding pipeline set aside, the model having failed on them. */
  static Query embeddingFailed() {
    return new TermQuery(new Term(EMBEDDING_FAILED, "1"));
  }

  /** The document of an article set aside by the embedding pipeline, without a vector. */
  static Document toSetAsideDocument(Article article, StorySignature signature) {
    Document doc = toDocument(article, signature, null);
    doc.add(new StringField(EMBEDDING_FAILED, "1", Field.Store.NO));
    return doc;
  }

  /**
   * Hierarchical navigable small world graph neighbours per node and candidates kept while
   * building it: Lucene's defaults (16, 100).
   */
  static final int HNSW_MAX_CONNECTIONS = 16;

  static final int HNSW_BEAM_WIDTH = 100;

  /**
   * The codec writers use: Lucene's default, but vectors ({@link #vectorField}) in an HNSW graph over 7-bit
   * scalar-quantized vectors (384 bytes a vector instead of 1,536 for the graph's comparisons;
   * the floats are kept too, for rescoring). Readers need nothing of it: every segment names its
   * vector format.
   */
  static Codec codec() {
    KnnVectorsFormat quantized =
        new Lucene104HnswScalarQuantizedVectorsFormat(
            QuantizedByteVectorValues.ScalarEncoding.SEVEN_BIT,
            HNSW_MAX_CONNECTIONS,
            HNSW_BEAM_WIDTH);
    PostingsFormat storyKeys = new BloomFilteringPostingsFormat(POSTINGS, new StoryKeyBlooms());
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return isVectorField(field) ? quantized : super.getKnnVectorsFormatForField(field);
      }

      @Override
      public PostingsFormat getPostingsFormatForField(String field) {
        return STORY_KEYS.equals(field) ? storyKeys : super.getPostingsFormatForField(field);
      }
    };
  }

  /**
   * The vector of top-level document {@code doc} of {@code reader} (whose stored fields are {@code
   * document}, read as {@code article}), if it has one computed from the text that would be
   * embedded now; else null.
   */
  static StoredVector vectorOf(
      org.apache.lucene.index.IndexReader reader, int doc, Document document, Article article)
      throws java.io.IOException {
    var leaves = reader.leaves();
    var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    return vectorOf(leaf.reader(), doc - leaf.docBase, document, article);
  }

  /**
   * As {@link #vectorOf(org.apache.lucene.index.IndexReader, int, Document, Article)}, for document
   * {@code doc} of one segment: the vector in whichever model's field the document has one.
   */
  static StoredVector vectorOf(
      org.apache.lucene.index.LeafReader leaf, int doc, Document document, Article article)
      throws java.io.IOException {
    if (!vectorIsCurrent(document, article)) return null;
    for (var info : leaf.getFieldInfos()) {
      if (info.getVectorDimension() == 0 || !isVectorField(info.name)) continue;
      var values = leaf.getFloatVectorValues(info.name);
      if (values == null) continue;
      var it = values.iterator();
      if (it.advance(doc) == doc) {
        return new StoredVector(info.name, values.vectorValue(it.index()).clone());
      }
    }
    return null;
  }

  /**
   * Whether the vector of {@code document} (read as {@code article}), if it has one, was computed
   * from the text that would be embedded now: its stored {@link #VECTOR_TEXT} hash matches.
   */
  static boolean vectorIsCurrent(Document document, Article article) {
    var hash = document.getField(VECTOR_TEXT);
    if (hash == null || hash.numericValue() == null) return false; // none, or from before the hash
    return hash.numericValue().longValue() == vectorTextHash(article);
  }

  /** The postings format Lucene's codec gives every field (its per-field wrapper's default). */
  private static final PostingsFormat POSTINGS =
      new Lucene104Codec().getPostingsFormatForField(STORY_KEYS);

  /**
   * Bloom filters over {@link #STORY_KEYS}: finding an article's story looks up its {@value
   * dev.byline.story.StorySignature#BANDS} band keys and body hash in every segment, and nearly
   * all of them are in none (a story's copies are few). Without a filter each lookup reads a block
   * of the terms dictionary: in a profile of ingest with detection on, that was most of the cost
   * of detection. Each segment's filter is sized for its keys (one per band and one body hash a
   * document) at a 10% false-positive rate: about 5 bits a key, 14 bytes an article, on the heap.
   */
  private static final class StoryKeyBlooms extends BloomFilterFactory {
    private static final int KEYS_PER_DOC = dev.byline.story.StorySignature.BANDS + 1;

    @Override
    public FuzzySet getSetForField(SegmentWriteState state, FieldInfo info) {
      long keys = (long) state.segmentInfo.maxDoc() * KEYS_PER_DOC;
      return FuzzySet.createOptimalSet((int) Math.min(keys, 1L << 30), 0.1f);
    }

    @Override
    public boolean isSaturated(FuzzySet set, FieldInfo info) {
      return set.getSaturation() > 0.9f; // then useless: the segment is written without it
    }
  }

  private static void addKeyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.YES));
    doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
  }

  /** The stored fields of what a hit shows: all but the body. */
  private static final java.util.Set<String> SUMMARY =
      java.util.Set.of(ID, URL, TITLE, AUTHOR, SOURCE, CATEGORY, LANGUAGE, DATE, STORY);

  /**
   * The article {@code doc} (a top-level document number of {@code reader}) without its body (an
   * empty string): what a hit or a suggestion shows. Read from the document's {@link HitSummary}
   * doc values, without touching its stored fields (whose compressed blocks hold the bodies);
   * documents written before those existed are read from their stored fields.
   */
  public static Article summaryOf(org.apache.lucene.index.IndexReader reader, int doc)
      throws java.io.IOException {
    return HitSummary.read(reader, doc);
  }

  /**
   * The body's length in words of {@code doc} (a top-level document number of {@code reader}):
   * its runs of characters between white space, as {@code body.strip().split("\\s+")} counts
   * them. Read from the document's {@link HitSummary}, without its body; documents written before
   * the summary held it are counted in their stored body.
   */
  public static int bodyWordsOf(org.apache.lucene.index.IndexReader reader, int doc)
      throws java.io.IOException {
    return HitSummary.bodyWords(reader, doc);
  }

  /** As {@link #summaryOf(org.apache.lucene.index.IndexReader, int)}, from the stored fields. */
  static Article storedSummaryOf(org.apache.lucene.index.StoredFields stored, int doc)
      throws java.io.IOException {
    var visitor = new org.apache.lucene.document.DocumentStoredFieldVisitor(SUMMARY);
    stored.document(doc, visitor);
    return fromDocument(visitor.getDocument());
  }

  /** Rebuilds the article from a stored document (without {@link #BODY} stored, its body is empty). */
  public static Article fromDocument(Document doc) {
    String date = doc.get(DATE);
    String body = doc.get(BODY);
    return new Article(
        doc.get(ID),
        doc.get(URL),
        doc.get(TITLE),
        body == null ? "" : body,
        values(doc, AUTHOR),
        date == null ? null : DateParser.parse(date),
        doc.get(SOURCE),
        values(doc, CATEGORY),
        doc.get(LANGUAGE),
        doc.get(STORY));
  }

  private static List<String> values(Document doc, String field) {
    return new ArrayList<>(List.of(doc.getValues(field)));
  }
}
