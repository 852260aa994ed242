package dev.byline.cli;

import dev.byline.ingest.extract.Extractor;
import java.util.Locale;
import picocli.CommandLine;

/** The {@code --format} values of {@code index} and {@code extract}. */
final class PageFormats {
  private PageFormats() {}

  /** {@code text}/{@code txt} or {@code html}; null for {@code json} (JSON formats go by extension). */
  static Extractor.Format parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text", "txt" -> Extractor.Format.TEXT;
      case "html", "htm" -> Extractor.Format.HTML;
      case "json", "jsonl", "ndjson" -> null;
      default ->
          throw new CommandLine.ParameterException(
              new CommandLine(new Object()),
              "--format must be json, text or html (got: " + value + ")");
    };
  }
}
