package dev.byline.ingest;

/**
 * Generated pages of any size, for the tests and the extraction kit that must show a very large
 * page is read in reasonable time: one long article of the same paragraph over and over.
 */
public final class LargePages {
  /** The size of the large page the slow test and {@code bin/bench extract} use: 20 MiB. */
  public static final int TWENTY_MB = 20 * 1024 * 1024;

  private static final String PARAGRAPH =
      "<p>The committee heard evidence from witnesses about the harbour, the ferries, the bridges and the roads, over many long days.</p>\n";

  private LargePages() {}

  /** An HTML page of at least {@code chars} characters: a title, an {@code <h1>} and paragraphs in an {@code <article>}. */
  public static String html(int chars) {
    StringBuilder html =
        new StringBuilder(
            "<html><head><title>Long report</title></head><body><article><h1>Long report</h1>");
    while (html.length() < chars) html.append(PARAGRAPH);
    html.append("</article></body></html>");
    return html.toString();
  }

  /**
   * An HTML page of {@code lines} one-line paragraphs that are not sentences ({@code item 17
   * value 912}), in an {@code <article>} under a title: no pass over its blocks finds prose, so
   * every fallback reads them all.
   */
  public static String shortLines(int lines) {
    StringBuilder html =
        new StringBuilder(
            "<html><head><title>Inventory</title></head><body><article><h1>Inventory</h1>");
    java.util.Random random = new java.util.Random(lines);
    for (int i = 0; i < lines; i++) {
      html.append("<p>item ")
          .append(i)
          .append(" value ")
          .append(random.nextInt(1000))
          .append("</p>\n");
    }
    html.append("</article></body></html>");
    return html.toString();
  }

  /** A text page of at least {@code chars} characters: a title line, then one line of sentences. */
  public static String text(int chars) {
    StringBuilder text = new StringBuilder("Long report\n\n");
    while (text.length() < chars)
      text.append("The committee heard evidence from witnesses about the harbour and the roads. ");
    return text.toString();
  }
}
