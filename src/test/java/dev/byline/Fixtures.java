package dev.byline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Small articles written for the tests, as JSON. */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static ObjectNode article(String id, String title, String body, Object... more) {
    ObjectNode node = JSON.createObjectNode();
    if (id != null) node.put("id", id);
    node.put("title", title);
    node.put("body", body);
    for (int i = 0; i < more.length; i += 2) {
      node.set((String) more[i], JSON.valueToTree(more[i + 1]));
    }
    return node;
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String ndjson(List<?> items) {
    StringBuilder sb = new StringBuilder();
    for (Object item : items) sb.append(json(item)).append('\n');
    return sb.toString();
  }

  /** A varied little archive: skewed authors and sources, dates over a decade. */
  public static List<ObjectNode> archive() {
    return List.of(
        article(
            "a1",
            "Harbour elections decided by island votes",
            "The harbour elections were decided late at night when the island ballots arrived by boat. Turnout rose again.",
            "author",
            "Ana Tubić",
            "date",
            "2024-03-17",
            "source",
            "Harbour Courier",
            "category",
            List.of("Politics", "Local")),
        article(
            "a2",
            "Ferry fares to rise in spring",
            "Ferry fares will rise by six percent in spring, the operator said. Commuters complained about the election promises that were broken.",
            "author",
            List.of("Ana Tubić", "Jonas Müller"),
            "date",
            "2023-02-01",
            "source",
            "Harbour Courier",
            "category",
            "Business"),
        article(
            "a3",
            "Glacier loses a third of its ice",
            "Surveys over ten summers show the glacier has lost a third of its ice. Meltwater feeds the river turbines.",
            "author",
            "Jonas Müller",
            "date",
            "2022-08-05",
            "source",
            "Northfield Gazette",
            "category",
            List.of("Science", "Environment")),
        article(
            "a4",
            "Rowing club wins the river cup",
            "The rowing club won the river cup for the first time, passing the favourites at the railway bridge.",
            "author",
            "Liam O'Connor",
            "date",
            "2016-07-31",
            "source",
            "Valley Tribune",
            "category",
            "Sport"),
        article(
            "a5",
            "Council approves sea wall budget",
            "The council approved the budget for the sea wall after a long debate about harbour fees and the election pledge.",
            "author",
            "Ana Tubić",
            "date",
            "2014-12-03",
            "source",
            "Harbour Courier",
            "category",
            "Politics"),
        article(
            "a6",
            "Orchid found on the moor",
            "Botanists found a rare orchid colony on the moor beside a blocked drainage ditch.",
            "author",
            "Zoë Castellanos",
            "date",
            "2013-06-20",
            "source",
            "Northfield Gazette",
            "category",
            "Science"),
        article(
            "a7",
            "Library reopens in the customs house",
            "The library reopened after repairs to its roof. Children now read in the old bonded store.",
            "date",
            "2021-05-07",
            "source",
            "Coastline Weekly",
            "category",
            "Culture"));
  }

  public static Map<String, String> headers(String... kv) {
    return Map.of(kv[0], kv[1]);
  }
}
