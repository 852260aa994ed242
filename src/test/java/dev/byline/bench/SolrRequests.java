package dev.byline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's queries as a Solr user would send them to the core that {@code tools/solr-bench}
 * builds: the same text fields and weights as {@link RawHarness} ({@code title^2 body author_text},
 * all words required) through {@code edismax}, which reads the same Lucene syntax; the same four
 * facets, the filtered fields tagged and excluded from their own counts (as Byline and the raw
 * harness count them sideways); the unified highlighter on title (one passage) and body (three)
 * with Solr's defaults; ten hits with their stored summary fields.
 */
final class SolrRequests {
  /** The core's select handler, as {@code SolrServerMain} serves it. */
  static final String SELECT = "/solr/articles/select";

  private SolrRequests() {}

  /** The request path (with its query string) for {@code q}, with facets and snippets or not. */
  static String path(QuerySet.Query q, boolean facets, boolean snippets) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    add(p, "q", q.q());
    add(p, "defType", "edismax");
    add(p, "qf", "title^2 body^1 author_text^1");
    add(p, "q.op", "AND");
    add(p, "rows", "10");
    add(p, "fl", "id,url,title,date,author,source,category");
    add(p, "wt", "json");
    if (q.category() != null) {
      add(p, "fq", "{!term f=category tag=cat}" + q.category());
      add(p, "fq", "{!tag=dt}date:[" + q.from() + "T00:00:00Z TO " + q.to() + "T23:59:59.999Z]");
    }
    if (facets) {
      add(p, "facet", "true");
      add(p, "facet.field", "author");
      add(p, "facet.field", "source");
      add(p, "facet.field", "{!ex=cat}category");
      add(p, "facet.field", "{!ex=dt}year");
      add(p, "facet.limit", "10");
      add(p, "facet.mincount", "1");
    }
    if (snippets) {
      add(p, "hl", "true");
      add(p, "hl.method", "unified");
      add(p, "hl.fl", "title,body");
      add(p, "f.title.hl.snippets", "1");
      add(p, "f.body.hl.snippets", "3");
    }
    return SELECT + "?" + Bench.queryString(p);
  }

  private static void add(Map<String, List<String>> p, String name, String value) {
    p.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }
}
