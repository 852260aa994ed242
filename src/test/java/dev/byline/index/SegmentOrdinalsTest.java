package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentOrdinals} holds what doc values say, document by document, in each of its layouts
 * (two bytes, four, several values), documents without a value included. Randomized; the seed is
 * printed.
 */
class SegmentOrdinalsTest {
  @Test
  void counts_each_documents_values_as_doc_values_hold_them() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("SegmentOrdinalsTest seed " + seed);
    Random random = new Random(seed);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      int docs = 1 + random.nextInt(2_000);
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        if (random.nextInt(5) > 0) {
          doc.add(new SortedSetDocValuesField("one", new BytesRef("v" + random.nextInt(300))));
        }
        int k = random.nextInt(4);
        for (int j = 0; j < k; j++) {
          doc.add(new SortedSetDocValuesField("many", new BytesRef("m" + random.nextInt(50))));
        }
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        LeafReaderContext leaf = reader.leaves().get(0);
        for (String field : new String[] {"one", "many"}) {
          for (int smallLimit : new int[] {0, Character.MAX_VALUE}) {
            SegmentOrdinals held = SegmentOrdinals.read(leaf.reader(), field, smallLimit);
            SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field);
            assertThat(held.valueCount()).isEqualTo((int) values.getValueCount());
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
              int[] expected = new int[held.valueCount() + 1];
              if (values.advanceExact(d)) {
                for (int i = values.docValueCount(); i > 0; i--) {
                  expected[(int) values.nextOrd() + 1]++;
                }
              } else {
                expected[0]++;
              }
              int[] got = new int[held.valueCount() + 1];
              held.count(d, got);
              assertThat(got)
                  .as("seed %d field %s limit %d doc %d", seed, field, smallLimit, d)
                  .isEqualTo(expected);
            }
          }
        }
      }
    }
  }
}
