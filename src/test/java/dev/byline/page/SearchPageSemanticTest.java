package dev.byline.page;

import static dev.byline.page.PageBrowser.driver;
import static dev.byline.page.PageBrowser.hits;
import static dev.byline.page.PageBrowser.open;
import static dev.byline.page.PageBrowser.url;
import static dev.byline.page.PageBrowser.wait;
import static dev.byline.page.PageBrowser.waitForResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page's "Match" control (issue 17) in headless Chromium: shown only by a server with
 * semantic search, and switching it between words, meaning and both changes what is found.
 */
class SearchPageSemanticTest {
  @TempDir static Path dir;
  static TestServer semantic;

  @BeforeAll
  static void start() throws Exception {
    PageBrowser.start(); // the demo server, without semantic search, and the browser
    semantic = TestServer.start(ServerConfig.defaults(dir).withPort(0).withSemantic(true));
    String articles =
        "[{\"id\":\"p1\",\"title\":\"Tenants squeezed as rents soar\",\"body\":\"Landlords raised"
            + " monthly rents by a fifth this year.\"},"
            + "{\"id\":\"p2\",\"title\":\"Striker scores twice in derby win\",\"body\":\"The home"
            + " side won the derby.\"},"
            + "{\"id\":\"p3\",\"title\":\"Orchestra opens its winter season\",\"body\":\"The"
            + " symphony began with Mahler.\"}]";
    assertThat(semantic.postJson(articles).status()).isEqualTo(200);
    long until = System.nanoTime() + 60_000_000_000L;
    while (semantic.get("/api/stats").json().get("semantic").get("backlog").asLong() > 0) {
      if (System.nanoTime() > until) throw new AssertionError("the backlog did not drain");
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (semantic != null) semantic.close();
    PageBrowser.stop();
  }

  private static List<String> titles() {
    return hits().stream().map(h -> h.findElement(By.tagName("h2")).getText()).toList();
  }

  private static WebElement control() {
    return driver.findElement(By.id("mode-control"));
  }

  @Test
  void a_server_without_semantic_search_shows_no_match_control() {
    open("?q=harbour");
    assertThat(hits()).isNotEmpty();
    assertThat(control().isDisplayed()).isFalse();
  }

  @Test
  void the_match_control_switches_between_words_meaning_and_both() {
    driver.get(semantic.uri("/?q=housing%20costs").toString());
    waitForResults();
    wait.until(d -> control().isDisplayed());
    Select mode = new Select(driver.findElement(By.id("mode")));
    assertThat(mode.getFirstSelectedOption().getText()).isEqualTo("Words and meaning");
    assertThat(titles()).contains("Tenants squeezed as rents soar");

    mode.selectByVisibleText("Words");
    wait.until(d -> url().contains("mode=keyword"));
    waitForResults();
    assertThat(titles()).doesNotContain("Tenants squeezed as rents soar");

    mode = new Select(driver.findElement(By.id("mode")));
    mode.selectByVisibleText("Meaning");
    wait.until(d -> url().contains("mode=semantic"));
    waitForResults();
    assertThat(titles()).first().isEqualTo("Tenants squeezed as rents soar");

    // The mode is in the URL: a reload keeps it.
    driver.navigate().refresh();
    waitForResults();
    wait.until(d -> control().isDisplayed());
    assertThat(new Select(driver.findElement(By.id("mode"))).getFirstSelectedOption().getText())
        .isEqualTo("Meaning");
  }
}
