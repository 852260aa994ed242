package dev.byline.page;

import static dev.byline.page.PageBrowser.driver;
import static dev.byline.page.PageBrowser.hits;
import static dev.byline.page.PageBrowser.open;
import static dev.byline.page.PageBrowser.shot;
import static dev.byline.page.PageBrowser.url;
import static dev.byline.page.PageBrowser.wait;
import static dev.byline.page.PageBrowser.waitForResults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.ingest.DemoCollection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page collapses stories (issue 16): the demo collection with syndicated copies of its
 * election articles (new headline, the syndicator's boilerplate, another source, a day later).
 */
class StoryPageTest {
  @BeforeAll
  static void start() throws Exception {
    PageBrowser.start();
    List<Article> copies = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                StoryPageTest.class.getResourceAsStream(DemoCollection.RESOURCE),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) continue;
        Article a = ArticleJson.read(json.readTree(line));
        String text = (a.title() + " " + a.body()).toLowerCase(Locale.ROOT);
        if (!text.contains("election")) continue;
        for (int k = 1; k <= 3; k++) {
          copies.add(
              new Article(
                  a.id() + "-copy" + k,
                  null,
                  "Wire " + k + ": " + a.title(),
                  a.body()
                      + "\n\nThis story was distributed by Syndicate "
                      + k
                      + ". Subscribe for more news from the region.",
                  a.author(),
                  a.date(),
                  "Syndicate " + k,
                  a.category(),
                  a.language()));
        }
      }
    }
    assertThat(copies).isNotEmpty();
    PageBrowser.server.index().write(copies);
  }

  @AfterAll
  static void stop() throws Exception {
    PageBrowser.stop();
  }

  @Test
  void election_shows_no_story_twice_and_other_versions_lead_to_the_story() throws Exception {
    open("?q=election");
    List<WebElement> shown = hits();
    assertThat(shown).isNotEmpty();
    Set<String> stories = new HashSet<>();
    for (WebElement hit : shown) {
      assertThat(stories.add(hit.getAttribute("data-story")))
          .as("story shown twice: " + hit.getAttribute("data-story"))
          .isTrue();
    }
    assertThat(driver.findElement(By.id("status")).getText()).contains("stories (");
    WebElement versions = driver.findElement(By.cssSelector("#hits .other-versions"));
    assertThat(versions.getText()).isEqualTo("3 other versions");
    shot("story-01-collapsed");

    versions.click();
    wait.until(d -> url().contains("story="));
    waitForResults();
    List<WebElement> copies = driver.findElements(By.cssSelector("#story-copies li"));
    assertThat(copies).hasSize(4);
    assertThat(copies.get(0).getText()).contains("first publication");
    assertThat(copies.get(1).getText()).contains("different headline").contains("+");
    shot("story-02-versions");

    copies.get(2).findElement(By.cssSelector("a")).click();
    wait.until(d -> url().contains("article="));
    waitForResults();
    assertThat(driver.findElement(By.cssSelector("#article-view h1")).getText())
        .startsWith("Wire ");

    driver.navigate().back();
    waitForResults();
    assertThat(driver.findElements(By.cssSelector("#story-copies li"))).hasSize(4);
    driver.findElement(By.id("story-back")).click();
    wait.until(d -> !url().contains("story="));
    waitForResults();
    assertThat(hits()).hasSize(shown.size());
  }
}
