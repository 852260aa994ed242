package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** A hit read from its doc values is the article as stored, without its body. */
class HitSummaryTest {
  private static final String[] WORDS = {
    "harbour", "Zürich", "東京", "ferry", "", " ", "naïve", "l'été", "\"quoted\"", "a|b", "😀"
  };

  @Test
  void random_articles_read_the_same_from_doc_values_as_from_stored_fields() throws Exception {
    long seed = System.nanoTime();
    System.out.println("HitSummaryTest seed " + seed);
    Random random = new Random(seed);
    List<Article> written = new ArrayList<>();
    try (var dir = new ByteBuffersDirectory();
        var writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 300; i++) {
        Article a = randomArticle(random, i);
        written.add(a);
        Document doc = Schema.toDocument(a, null);
        // A third are written as before the summary existed: read from their stored fields.
        if (i % 3 == 0) doc.removeField(HitSummary.FIELD);
        writer.addDocument(doc);
        if (random.nextInt(50) == 0) writer.commit(); // several segments
      }
      writer.commit();
      try (var reader = DirectoryReader.open(dir)) {
        StoredFields stored = reader.storedFields();
        assertThat(reader.maxDoc()).isEqualTo(written.size());
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
          Article read = Schema.summaryOf(reader, doc);
          // Merges may reorder segments: the article written is found by its id.
          Article expected =
              written.stream().filter(a -> a.id().equals(read.id())).findFirst().orElseThrow();
          assertThat(read)
              .as("seed %d, doc %d", seed, doc)
              .isEqualTo(Schema.storedSummaryOf(stored, doc))
              .isEqualTo(
                  new Article(
                      expected.id(),
                      expected.url(),
                      expected.title(),
                      "",
                      expected.author(),
                      expected.date(),
                      expected.source(),
                      expected.category(),
                      expected.language(),
                      expected.story()));
          // The body's length, as StoryView counted it on the whole body before.
          String body = expected.body().strip();
          assertThat(Schema.bodyWordsOf(reader, doc))
              .as("seed %d, doc %d, body [%s]", seed, doc, expected.body())
              .isEqualTo(body.isEmpty() ? 0 : body.split("\\s+").length);
        }
      }
    }
  }

  private static Article randomArticle(Random random, int i) {
    return new Article(
        "id-" + i + "-" + word(random),
        random.nextBoolean() ? null : "https://example.org/" + i + "/" + word(random),
        word(random) + " " + word(random),
        body(random),
        words(random),
        random.nextBoolean()
            ? null
            : DateParser.parse(
                random.nextBoolean()
                    ? "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                    : "2024-03-05T10:1" + random.nextInt(10) + ":00Z"),
        random.nextBoolean() ? null : "Source " + word(random),
        words(random),
        random.nextBoolean() ? null : "en",
        random.nextBoolean() ? null : "story-" + random.nextInt(20));
  }

  /** White space of every kind, where a body may have it: ends, runs, inside a word. */
  private static final String[] SPACES = {
    " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "\u2003", "\u00A0", "\u3000", ""
  };

  private static String body(Random random) {
    StringBuilder body = new StringBuilder();
    for (int n = random.nextInt(12); n > 0; n--) {
      body.append(SPACES[random.nextInt(SPACES.length)]).append(word(random));
    }
    return body.append(SPACES[random.nextInt(SPACES.length)]).toString();
  }

  private static List<String> words(Random random) {
    List<String> out = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) out.add("w " + word(random));
    return out;
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }
}
