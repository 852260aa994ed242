package dev.byline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Solr side of the HTTP bench asks Solr for the work the other two sides do. */
class SolrRequestsTest {
  private static Map<String, List<String>> params(String path) {
    assertTrue(path.startsWith(SolrRequests.SELECT + "?"), path);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      out.computeIfAbsent(kv[0], k -> new ArrayList<>())
          .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void filteredQueryTagsItsFiltersAndCountsThoseFacetsWithoutThem() {
    var p =
        params(
            SolrRequests.path(
                new QuerySet.Query("Filtered", "harbour", "2004-01-01", "2009-12-31", "Urban Life"),
                true,
                true));
    assertEquals(List.of("harbour"), p.get("q"));
    assertEquals(List.of("AND"), p.get("q.op"));
    assertEquals(List.of("title^2 body^1 author_text^1"), p.get("qf"));
    assertEquals(
        List.of(
            "{!term f=category tag=cat}Urban Life",
            "{!tag=dt}date:[2004-01-01T00:00:00Z TO 2009-12-31T23:59:59.999Z]"),
        p.get("fq"));
    assertEquals(
        List.of("author", "source", "{!ex=cat}category", "{!ex=dt}year"), p.get("facet.field"));
    assertEquals(List.of("title,body"), p.get("hl.fl"));
    assertEquals(List.of("3"), p.get("f.body.hl.snippets"));
    assertEquals(List.of("10"), p.get("rows"));
  }

  @Test
  void bareQueryAsksForNeitherFacetsNorSnippets() {
    var p =
        params(
            SolrRequests.path(
                new QuerySet.Query("Phrase", "\"city council\" AND b&r", null, null, null),
                false,
                false));
    assertEquals(List.of("\"city council\" AND b&r"), p.get("q"));
    assertFalse(p.containsKey("facet"));
    assertFalse(p.containsKey("hl"));
    assertFalse(p.containsKey("fq"));
  }
}
