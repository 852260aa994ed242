package dev.byline.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A page's URL candidates that an article cannot hold are passed over; the article is kept. */
class PageUrlTest {
  private static Extraction extract(String head) {
    String html = "<html><head><title>Harbour wall repaired</title>" + head + "</head><body><article><h1>Harbour wall repaired</h1>"
        + "<p>Crews finished repairing the harbour wall on Monday after three weeks of work on its southern end.</p>"
        + "<p>The council said the repairs cost less than planned and the quay reopens to boats next week.</p></article></body></html>";
    return Extractor.extract(html.getBytes(StandardCharsets.UTF_8), Extractor.Format.HTML, null);
  }

  @Test
  void a_javascript_canonical_url_loses_only_the_url() {
    Extraction e = extract("<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"https://news.example/harbour-wall\">");
    assertThat(e.url).isEqualTo("https://news.example/harbour-wall");
    Extraction none = extract("<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"javascript:void(0)\">");
    assertThat(none.url).isNull();
    assertThat(none.title).isEqualTo("Harbour wall repaired");
  }
}
