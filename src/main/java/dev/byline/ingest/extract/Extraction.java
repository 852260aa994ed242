package dev.byline.ingest.extract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.byline.article.ArticleJson;
import dev.byline.article.PublicationDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What extraction made of one page: the article's fields, and for each field found, where it was
 * found ({@code "date": "byline"}, {@code "source": "json-ld"}), so users can see why.
 *
 * <p>Every field it sets fits what {@code POST /api/articles} accepts ({@link ArticleJson}'s
 * limits): a candidate that does not (a 500-character site name, a {@code lang} attribute that is
 * no language tag, a 2,000-character heading) is passed over and a later candidate may fill the
 * field, so a page loses that candidate, never the article. Authors that do not fit are dropped
 * from the list, which is cut at {@link ArticleJson#MAX_LIST_SIZE}.
 */
public final class Extraction {
  String title;
  String body;
  List<String> authors = new ArrayList<>();
  PublicationDate date;
  String source;
  String category;
  String url;
  String language;
  final Map<String, String> provenance = new LinkedHashMap<>();

  /**
   * What the metadata says about the authors ("Ana Ruiz is a freelance writer…"): the text of an
   * "about the author" box, which is not the article's. Not returned.
   */
  final List<String> authorBios = new ArrayList<>();

  Extraction() {}

  /** Sets a field if it is still unset, recording where it came from. */
  void title(String value, String from) {
    if (title == null && value != null && !value.isBlank() && ArticleJson.fitsTitle(value)) {
      title = value.strip();
      provenance.put("title", from);
    }
  }

  void authors(List<String> values, String from) {
    if (!authors.isEmpty() || values == null) return;
    List<String> fitting =
        values.stream()
            .filter(v -> v != null && !v.isBlank() && ArticleJson.fitsName(v))
            .limit(ArticleJson.MAX_LIST_SIZE)
            .toList();
    if (!fitting.isEmpty()) {
      authors = new ArrayList<>(fitting);
      provenance.put("author", from);
    }
  }

  /**
   * Sets the date if none is set yet. A later candidate naming the same moment in a local offset
   * replaces one written in UTC: the day is the publisher's ({@code 2017-02-23T17:18:13-08:00}, not
   * {@code 2017-02-24T01:18:13Z}), and sites often write UTC in one tag and local time in another.
   */
  void date(PublicationDate value, String from) {
    if (value == null) return;
    boolean sameMomentInLocalTime =
        date != null
            && date.hasTime()
            && value.hasTime()
            && date.instant().equals(value.instant())
            && date.text().endsWith("Z")
            && !value.text().endsWith("Z");
    if (date == null || sameMomentInLocalTime) {
      date = value;
      provenance.put("date", from);
    }
  }

  void source(String value, String from) {
    if (source == null && value != null && !value.isBlank() && ArticleJson.fitsName(value)) {
      source = value.strip();
      provenance.put("source", from);
    }
  }

  void category(String value, String from) {
    if (category == null && value != null && !value.isBlank() && ArticleJson.fitsName(value)) {
      category = value.strip();
      provenance.put("category", from);
    }
  }

  /**
   * A candidate URL; one an article cannot hold ({@code javascript:}, relative, too long) is
   * passed over, so the page loses only that candidate, never the article.
   */
  void url(String value, String from) {
    if (url == null
        && value != null
        && !value.isBlank()
        && ArticleJson.urlProblem(value.strip()) == null) {
      url = value.strip();
      provenance.put("url", from);
    }
  }

  void language(String value) {
    if (language == null && value != null && !value.isBlank() && ArticleJson.isLanguageTag(value)) {
      language = value.strip();
    }
  }

  void body(String value, String from) {
    if (body == null && value != null && !value.isBlank()) {
      body = value.strip();
      provenance.put("body", from);
    }
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  /** Fields a reader would expect and that were not found. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (date == null) missing.add("date");
    if (authors.isEmpty()) missing.add("author");
    return missing;
  }

  /**
   * The article in Byline's JSON form (what {@code POST /api/articles} takes), plus {@code
   * extracted}: where each field came from.
   */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (url != null) out.put("url", url);
    out.put("title", title);
    out.put("body", body);
    if (!authors.isEmpty()) authors.forEach(out.putArray("author")::add);
    if (date != null) out.put("date", date.text());
    if (source != null) out.put("source", source);
    if (category != null) out.putArray("category").add(category);
    if (language != null) out.put("language", language);
    ObjectNode from = out.putObject("extracted");
    provenance.forEach(from::put);
    return out;
  }
}
