package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.index.ArticleSearcher;
import dev.byline.index.FacetOrdinals;
import dev.byline.index.SegmentOrdinalsCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link FacetTally} counts, in one pass, what Lucene's facet module counts in two. Randomized
 * (the seed is printed): several segments, deleted documents, a multi-valued field of many values
 * and a single-valued one of few, a field some segments lack, values read through doc values (by
 * segment ordinals or mapped at each match) or held in the heap; the counts are checked against the documents themselves, and the
 * top values {@link FacetCounts} picks against Lucene's {@code StringValueFacetCounts}.
 */
class FacetTallyTest {
  private final java.util.concurrent.ExecutorService pool =
      java.util.concurrent.Executors.newFixedThreadPool(2);

  @org.junit.jupiter.api.AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "eps"};

  private record Doc(String id, Set<String> words, Set<String> tags, String kind, String rare) {}

  @Test
  void counts_what_the_matching_documents_hold() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("FacetTallyTest seed " + seed);
    Random random = new Random(seed);
    List<Doc> docs = new ArrayList<>();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(
                dir,
                new IndexWriterConfig(new WhitespaceAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      int segments = 1 + random.nextInt(6);
      for (int s = 0; s < segments; s++) {
        int n = 1 + random.nextInt(400);
        boolean rareHere = random.nextBoolean(); // some segments have no value of "rare"
        for (int i = 0; i < n; i++) {
          Set<String> words = new TreeSet<>();
          for (String w : WORDS) if (random.nextDouble() < 0.3) words.add(w);
          Set<String> tags = new TreeSet<>();
          int k = random.nextInt(4); // 0 to 3 values, from many
          for (int t = 0; t < k; t++) tags.add("t" + random.nextInt(2_000));
          String kind = random.nextInt(10) == 0 ? null : "k" + random.nextInt(12);
          String rare = rareHere && random.nextInt(3) == 0 ? "r" + random.nextInt(5) : null;
          Doc d = new Doc("d" + docs.size(), words, tags, kind, rare);
          docs.add(d);
          Document doc = new Document();
          doc.add(new StringField("id", d.id(), Field.Store.NO));
          doc.add(new TextField("body", String.join(" ", words), Field.Store.NO));
          for (String t : tags) doc.add(new SortedSetDocValuesField("tag", new BytesRef(t)));
          if (kind != null) doc.add(new SortedSetDocValuesField("kind", new BytesRef(kind)));
          if (rare != null) doc.add(new SortedSetDocValuesField("rare", new BytesRef(rare)));
          writer.addDocument(doc);
        }
        writer.commit();
      }
      List<Doc> live = new ArrayList<>();
      for (Doc d : docs) {
        if (random.nextInt(8) == 0) {
          writer.deleteDocuments(new Term("id", d.id()));
        } else {
          live.add(d);
        }
      }
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        List<String> fieldNames = List.of("tag", "kind", "rare");
        // Values read through doc values, or held per document in the heap (as the views hold
        // the default facet fields).
        List<FacetOrdinals> read = new ArrayList<>();
        List<FacetOrdinals> held = new ArrayList<>();
        SegmentOrdinalsCache cache = new SegmentOrdinalsCache();
        for (String f : fieldNames) {
          read.add(FacetOrdinals.of(reader, f));
          held.add(FacetOrdinals.of(reader, f, cache));
        }
        for (int round = 0; round < 40; round++) {
          List<String> any = new ArrayList<>();
          for (String w : WORDS) if (random.nextInt(3) == 0) any.add(w);
          if (any.isEmpty()) any.add(WORDS[random.nextInt(WORDS.length)]);
          BooleanQuery.Builder b = new BooleanQuery.Builder();
          for (String w : any) b.add(new TermQuery(new Term("body", w)), Occur.SHOULD);
          Query query = b.build();
          // 0: every field mapped at each match; a large bound: all by segment ordinals.
          int segmentCounted = random.nextBoolean() ? 0 : random.nextInt(3_000);
          boolean inHeap = random.nextBoolean();
          List<FacetOrdinals> fields = inHeap ? held : read;
          String context =
              "seed "
                  + seed
                  + " round "
                  + round
                  + " "
                  + query
                  + " "
                  + segmentCounted
                  + " "
                  + inHeap;
          // On one thread, or cut into slices (segments split into ranges) counted on several.
          int threads = 1 + random.nextInt(3);
          IndexSearcher counting =
              threads == 1 ? searcher : ArticleSearcher.splitting(reader, pool, threads);
          context += " threads " + threads;
          FacetTally.Counts counted =
              counting.search(query, new FacetTally(fields, segmentCounted));

          long expectedMatches = 0;
          Map<String, Map<String, Integer>> expected = new HashMap<>();
          for (String f : fieldNames) expected.put(f, new HashMap<>());
          for (Doc d : live) {
            if (any.stream().noneMatch(d.words()::contains)) continue;
            expectedMatches++;
            for (String t : d.tags()) expected.get("tag").merge(t, 1, Integer::sum);
            if (d.kind() != null) expected.get("kind").merge(d.kind(), 1, Integer::sum);
            if (d.rare() != null) expected.get("rare").merge(d.rare(), 1, Integer::sum);
          }
          assertThat(counted.matches()).as(context).isEqualTo(expectedMatches);
          for (FacetOrdinals field : fields) {
            int[] counts = counted.of(field.field());
            Map<String, Integer> got = new HashMap<>();
            for (int o = 0; o < counts.length; o++) {
              if (counts[o] != 0) got.put(field.value(o).utf8ToString(), counts[o]);
            }
            assertThat(got)
                .as(context + " " + field.field())
                .isEqualTo(expected.get(field.field()));

            // The top ten as Lucene's facet module picks them (ties: the value first in order).
            int[] top = FacetCounts.top(counts, 10);
            List<String> mine = new ArrayList<>();
            for (int o : top) mine.add(field.value(o).utf8ToString() + "=" + counts[o]);
            List<String> lucene = new ArrayList<>();
            FacetResult result =
                new StringValueFacetCounts(
                        new StringDocValuesReaderState(reader, field.field()),
                        searcher.search(query, new FacetsCollectorManager()))
                    .getTopChildren(10, field.field());
            if (result != null) {
              for (LabelAndValue lv : result.labelValues) lucene.add(lv.label + "=" + lv.value);
            }
            assertThat(new TreeSet<>(mine))
                .as(context + " top of " + field.field())
                .isEqualTo(new TreeSet<>(lucene));
          }
        }
      }
    }
  }
}
