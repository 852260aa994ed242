package dev.byline.index;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SegmentTermsEnumsTest {
  private static Document doc(String field, String value) {
    Document d = new Document();
    d.add(new StringField(field, value, Field.Store.NO));
    return d;
  }

  @Test
  void an_enum_is_reused_for_the_same_reader_and_made_afresh_for_the_next() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(
                dir,
                new IndexWriterConfig(new StandardAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      writer.addDocument(doc("story", "first"));
      writer.addDocument(doc("other", "x")); // same segment: "story" terms there
      SegmentTermsEnums enums = new SegmentTermsEnums("story");
      try (DirectoryReader one = DirectoryReader.open(writer)) {
        TermsEnum a = enums.of(one, one.leaves().get(0));
        assertTrue(a.seekExact(new BytesRef("first")));
        assertFalse(a.seekExact(new BytesRef("second")));
        assertSame(a, enums.of(one, one.leaves().get(0)), "the same reader: the same enum");

        writer.addDocument(doc("other", "y")); // a segment without the field
        writer.addDocument(doc("story", "second"));
        writer.flush();
        writer.addDocument(doc("other", "z"));
        try (DirectoryReader two = DirectoryReader.openIfChanged(one, writer)) {
          TermsEnum b = enums.of(two, two.leaves().get(0));
          assertNotSame(a, b, "a new reader: new enums");
          assertTrue(b.seekExact(new BytesRef("first")));
          // The new segment's terms are found: no enum of the old reader answers for it.
          boolean found = false;
          for (int i = 1; i < two.leaves().size(); i++) {
            TermsEnum e = enums.of(two, two.leaves().get(i));
            if (e != null && e.seekExact(new BytesRef("second"))) found = true;
          }
          assertTrue(found, "the term written after the first reader is found");
          assertNull(
              enums.of(two, two.leaves().get(two.leaves().size() - 1)),
              "a segment without the field has no enum");
        }
      }
    }
  }
}
