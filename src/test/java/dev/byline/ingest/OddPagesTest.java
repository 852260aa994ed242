package dev.byline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.ingest.extract.Extractor.Format;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Odd input never crashes extraction: each page is extracted as well as it can be, or reported with a reason. */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class OddPagesTest {
  private static final String STORY =
      """
      Harbour café reopens

      By Renée Faßbender

      The café on the harbour reopened on Monday after a winter of repairs to its roof and kitchen.

      Its owner said the first customers were fishermen who had waited outside since six in the morning.
      """;

  private static RawItem text(byte[] bytes) {
    return PageReader.read(bytes, Format.TEXT, null);
  }

  @Test
  void empty_and_binary_files_are_reported_not_fatal() {
    assertThat(text(new byte[0]).error()).contains("empty");
    byte[] binary = new byte[4096];
    new Random(7).nextBytes(binary);
    binary[10] = 0;
    assertThat(text(binary).error()).contains("binary");
    assertThat(PageReader.read(binary, Format.HTML, null).error()).contains("binary");
    assertThat(text("   \n\n  \t ".getBytes(StandardCharsets.UTF_8)).error()).contains("no text");
  }

  @Test
  void bom_crlf_and_windows_1252_text_read_the_same_as_clean_utf8() {
    RawItem clean = text(STORY.getBytes(StandardCharsets.UTF_8));
    byte[] bom = ("\uFEFF" + STORY.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
    RawItem withBom = text(bom);
    RawItem latin = text(STORY.getBytes(Charset.forName("windows-1252")));
    for (RawItem item : new RawItem[] {clean, withBom, latin}) {
      assertThat(item.error()).isNull();
      assertThat(item.json().get("title").asText()).isEqualTo("Harbour café reopens");
      assertThat(item.json().get("author").get(0).asText()).isEqualTo("Renée Faßbender");
      assertThat(item.json().get("body").asText())
          .startsWith("The café on the harbour")
          .doesNotContain("\r");
    }
    assertThat(withBom.json().get("body")).isEqualTo(clean.json().get("body"));
    assertThat(latin.json().get("body")).isEqualTo(clean.json().get("body"));
  }

  /**
   * A page's declared charset is taken as browsers take it (HTML's prescan): a page whose {@code
   * <meta>} could be read as ASCII is not UTF-16, UTF-32 or EBCDIC whatever it says (it is UTF-8),
   * and a label no one knows is no declaration. Taken at its word, each indexed the page as
   * mojibake (an outside fault hunt).
   */
  @Test
  void a_declared_charset_the_page_cannot_be_in_is_not_believed() {
    String page =
        "<html><head><meta charset=\"%s\"><title>Harbour café reopens</title></head><body>"
            + "<h1>Harbour café reopens</h1><p>"
            + "The café on the harbour reopened on Monday after a winter of repairs. ".repeat(8)
            + "</p></body></html>";
    for (String label : new String[] {"utf-16", "utf-16le", "UTF-16BE", "utf-32", "ibm037"}) {
      RawItem item =
          PageReader.read(
              String.format(page, label).getBytes(StandardCharsets.UTF_8), Format.HTML, null);
      assertThat(item.error()).as(label).isNull();
      assertThat(item.json().get("title").asText()).as(label).isEqualTo("Harbour café reopens");
      assertThat(item.json().get("body").asText()).as(label).startsWith("The café on the harbour");
    }
    for (String label : new String[] {"x-bogus", "utf-7", "iso-8859-1"}) {
      RawItem item =
          PageReader.read(
              String.format(page, label).getBytes(Charset.forName("windows-1252")),
              Format.HTML,
              null);
      assertThat(item.json().get("title").asText()).as(label).isEqualTo("Harbour café reopens");
    }
  }

  @Test
  void utf16_with_a_bom_is_text() {
    byte[] utf16 = ("\uFEFF" + STORY).getBytes(StandardCharsets.UTF_16LE);
    RawItem item = text(utf16);
    assertThat(item.error()).isNull();
    assertThat(item.json().get("title").asText()).isEqualTo("Harbour café reopens");
  }

  @Test
  void a_twenty_megabyte_page_is_extracted() {
    byte[] page = LargePages.html(LargePages.TWENTY_MB).getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    RawItem item = PageReader.read(page, Format.HTML, null);
    assertThat(item.error()).isNull();
    assertThat(item.json().get("body").asText().length()).isGreaterThan(10_000_000);
    System.out.printf(
        "20 MB HTML page extracted in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    RawItem oneLine = text(LargePages.text(LargePages.TWENTY_MB).getBytes(StandardCharsets.UTF_8));
    assertThat(oneLine.error()).isNull();
  }

  @Test
  void garbage_markup_and_random_text_never_throw() {
    Random random = new Random(11);
    String alphabet = "<>/=\"' abcXYZ\n\t&;#{}[]()|»›·-—:.,!?0123456789By";
    for (int round = 0; round < 300; round++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + random.nextInt(2_000);
      for (int i = 0; i < len; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      for (Format format : Format.values()) {
        RawItem item = PageReader.read(bytes, format, null);
        assertThat(item.error() == null || !item.error().startsWith("extraction failed"))
            .as("seed 11 round %d %s: %s", round, format, item.error())
            .isTrue();
      }
    }
  }

  @Test
  void the_same_page_crawled_twice_gets_the_same_id() throws Exception {
    String page = STORY + "\n\nMost read\nSomething else entirely\n";
    String recrawl =
        STORY.replace("\n", "\r\n") + "\r\n\r\nMost read\r\nA different sidebar today\r\n";
    var a = dev.byline.article.ArticleJson.read(text(page.getBytes(StandardCharsets.UTF_8)).json());
    var b =
        dev.byline.article.ArticleJson.read(text(recrawl.getBytes(StandardCharsets.UTF_8)).json());
    assertThat(a.id()).startsWith("c-").isEqualTo(b.id());
    var withUrl =
        dev.byline.article.ArticleJson.read(
            PageReader.read(
                    page.getBytes(StandardCharsets.UTF_8), Format.TEXT, "https://example.org/cafe")
                .json());
    assertThat(withUrl.id()).startsWith("u-");
  }
}
