package dev.byline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.ingest.PageReader;
import dev.byline.ingest.RawItem;
import dev.byline.ingest.extract.Extractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code byline extract FILE...}: what Byline makes of raw pages, without indexing them. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Print the articles Byline would extract from .txt and .html pages, one JSON object per line,"
          + " each with the file it came from and where each field was found. Nothing is indexed."
    })
public final class ExtractCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pages (.txt, .html, .htm).")
  List<Path> files;

  @Option(
      names = "--format",
      description = "text or html: how to read every file (default: by extension).")
  String format;

  @Option(names = "--pretty", description = "Indented JSON, for people.")
  boolean pretty;

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectWriter writer = pretty ? json.writerWithDefaultPrettyPrinter() : json.writer();
    Extractor.Format forced = format == null ? null : PageFormats.parse(format);
    int failed = 0;
    for (Path file : files) {
      ObjectNode line = json.createObjectNode();
      line.put("file", file.toString());
      Extractor.Format f =
          forced != null ? forced : Extractor.Format.ofFileName(file.getFileName().toString());
      RawItem item;
      if (!Files.isRegularFile(file)) {
        item = RawItem.failed(0, "no such file");
      } else if (f == null) {
        item = RawItem.failed(0, "not a .txt or .html page (use --format)");
      } else {
        item = PageReader.read(Files.readAllBytes(file), f, null);
      }
      if (item.error() != null) {
        line.put("error", item.error());
        failed++;
      } else {
        line.setAll((ObjectNode) item.json());
        if (!item.warnings().isEmpty()) item.warnings().forEach(line.putArray("warnings")::add);
      }
      System.out.println(writer.writeValueAsString(line));
    }
    return failed == 0 ? 0 : 1;
  }
}
