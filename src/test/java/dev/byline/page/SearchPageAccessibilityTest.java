package dev.byline.page;

import static dev.byline.page.PageBrowser.driver;
import static dev.byline.page.PageBrowser.hits;
import static dev.byline.page.PageBrowser.js;
import static dev.byline.page.PageBrowser.open;
import static dev.byline.page.PageBrowser.wait;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * axe-core (Deque's accessibility rules, WCAG 2.x A and AA) run inside the page in each of its
 * states, at desktop and phone widths: no serious or critical violation. axe.min.js comes from the
 * test-scoped {@code com.deque.html.axe-core:selenium} jar and is injected by WebDriver, so the
 * page's Content-Security-Policy stays as strict as it is.
 */
class SearchPageAccessibilityTest {
  static String axe;

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = SearchPageAccessibilityTest.class.getResourceAsStream("/axe.min.js")) {
      if (in == null)
        throw new IllegalStateException(
            "axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    PageBrowser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    PageBrowser.stop();
  }

  /** Runs axe on the page as it is now; returns the serious and critical violations, one line each. */
  static List<String> seriousViolations(String state) throws Exception {
    js(axe);
    Object json =
        driver.executeAsyncScript(
            """
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
          .then((r) => done(JSON.stringify(r.violations)), (e) => done(JSON.stringify({ error: String(e) })));
        """);
    JsonNode violations = new ObjectMapper().readTree((String) json);
    assertThat(violations.has("error")).as("axe ran: %s", json).isFalse();
    List<String> serious = new ArrayList<>();
    for (JsonNode v : violations) {
      String line =
          state
              + ": "
              + v.path("impact").asText()
              + " "
              + v.path("id").asText()
              + " — "
              + v.path("help").asText()
              + " — "
              + v.path("nodes").findValues("target");
      System.out.println("axe " + line);
      if (List.of("serious", "critical").contains(v.path("impact").asText())) serious.add(line);
    }
    return serious;
  }

  @Test
  void axe_finds_no_serious_or_critical_violation_in_any_state_of_the_page() throws Exception {
    List<String> serious = new ArrayList<>();
    try {
      for (boolean phone : new boolean[] {false, true}) {
        if (phone) PageBrowser.phone();
        else PageBrowser.desktop();
        String width = phone ? "phone" : "desktop";
        open("");
        serious.addAll(seriousViolations(width + " newest"));
        open("?q=harbour&category=Local&from=2012-01-01&to=2021-12-31");
        serious.addAll(seriousViolations(width + " filtered"));
        if (phone) {
          driver.findElement(By.id("filters-toggle")).click();
          serious.addAll(seriousViolations(width + " filters open"));
        }
        open("?q=glaicer");
        serious.addAll(seriousViolations(width + " did you mean"));
        open("?q=harbour&source=Valley+Tribune&category=Sport");
        serious.addAll(seriousViolations(width + " no result"));
        open("?q=harbour&from=yesterdayish");
        serious.addAll(seriousViolations(width + " error"));
        open("?q=harbour");
        hits().get(0).findElement(By.cssSelector("h2 a")).click();
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#related a, #related + p, .related p")));
        serious.addAll(seriousViolations(width + " article"));
        open("");
        driver.findElement(By.id("q")).sendKeys("tub");
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li")));
        serious.addAll(seriousViolations(width + " suggestions"));
      }
    } finally {
      PageBrowser.desktop();
    }
    assertThat(serious).isEmpty();
  }
}
