package dev.byline.page;

import static dev.byline.page.PageBrowser.base;
import static dev.byline.page.PageBrowser.driver;
import static dev.byline.page.PageBrowser.hits;
import static dev.byline.page.PageBrowser.open;
import static dev.byline.page.PageBrowser.shot;
import static dev.byline.page.PageBrowser.submit;
import static dev.byline.page.PageBrowser.url;
import static dev.byline.page.PageBrowser.wait;
import static dev.byline.page.PageBrowser.waitForResults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The search page in real headless Chromium against the demo collection (see {@link PageBrowser}):
 * the journeys readers take. Each step saves a screenshot under {@code target/browser/}.
 */
class SearchPageBrowserTest {
  @BeforeAll
  static void start() throws Exception {
    PageBrowser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    PageBrowser.stop();
  }

  @Test
  void type_pick_a_suggestion_with_the_keyboard_then_filter_with_facets_and_chips()
      throws Exception {
    open("");
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("tub");
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#suggestions li[data-kind=author]")));
    shot("01-suggestions");
    q.sendKeys(Keys.ARROW_DOWN);
    assertThat(driver.findElement(By.cssSelector("#suggestions li[aria-selected=true]")).getText())
        .contains("Ana Tubić");
    q.sendKeys(Keys.ENTER);
    wait.until(d -> url().contains("author=Ana Tubić"));
    waitForResults();
    assertThat(hits()).hasSize(9);
    assertThat(driver.findElement(By.id("status")).getText()).startsWith("9 articles");
    shot("02-author-filter");

    submit("harbour");
    assertThat(hits()).isNotEmpty();
    List<WebElement> marks = driver.findElements(By.cssSelector("#hits mark"));
    assertThat(marks).isNotEmpty();
    assertThat(marks.get(0).getText().toLowerCase(java.util.Locale.ROOT)).startsWith("harbour");
    // Two facets at once, then remove one chip.
    driver.findElement(By.cssSelector(".chip[data-field=author] ")).click();
    wait.until(d -> !url().contains("author="));
    waitForResults();
    int all = Integer.parseInt(driver.findElement(By.id("status")).getText().split(" ")[0]);
    driver.findElement(By.cssSelector(".facet[data-field=category]")).click();
    wait.until(d -> url().contains("category="));
    waitForResults();
    driver.findElement(By.cssSelector(".facet[data-field=source]")).click();
    wait.until(d -> url().contains("source="));
    waitForResults();
    assertThat(driver.findElements(By.cssSelector("#chips .chip"))).hasSize(2);
    int both = Integer.parseInt(driver.findElement(By.id("status")).getText().split(" ")[0]);
    assertThat(both).isLessThanOrEqualTo(all);
    shot("03-two-facets");
    driver.findElement(By.cssSelector(".chip[data-field=category]")).click();
    wait.until(d -> !url().contains("category="));
    waitForResults();
    assertThat(driver.findElements(By.cssSelector("#chips .chip"))).hasSize(1);
    shot("04-chip-removed");
  }

  @Test
  void a_date_phrase_did_you_mean_an_article_its_related_and_back() throws Exception {
    open("");
    submit("ferry since 2020");
    WebElement understood = driver.findElement(By.id("understood"));
    assertThat(understood.getText()).contains("since 2020").contains("2020-01-01");
    for (WebElement hit : hits()) {
      String date = hit.findElement(By.cssSelector(".meta")).getText().substring(0, 4);
      assertThat(Integer.parseInt(date)).isGreaterThanOrEqualTo(2020);
    }
    shot("05-date-phrase");

    submit("glaicer");
    // Nothing as typed: the respelling's results, and a way back to the words as typed.
    WebElement exact =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("exact-link")));
    assertThat(driver.findElement(By.id("showing-for")).getText()).isEqualTo("glacier");
    assertThat(exact.getText()).isEqualTo("glaicer");
    waitForResults();
    assertThat(hits()).isNotEmpty();
    shot("06-showing-results-for");
    exact.click();
    wait.until(d -> url().contains("exact=1"));
    waitForResults();
    WebElement suggestion =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion-link")));
    assertThat(suggestion.getText()).isEqualTo("glacier");
    assertThat(driver.findElement(By.id("empty")).isDisplayed()).as("nothing as typed").isTrue();
    shot("06-did-you-mean");
    suggestion.click();
    wait.until(d -> url().contains("q=glacier"));
    waitForResults();
    assertThat(hits()).isNotEmpty();
    String firstTitle = hits().get(0).findElement(By.cssSelector("h2")).getText();

    hits().get(0).findElement(By.cssSelector("h2 a")).click();
    WebElement h1 =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(h1.getText()).isEqualTo(firstTitle);
    assertThat(driver.findElement(By.id("results-view")).isDisplayed())
        .as("results hidden behind the article")
        .isFalse();
    assertThat(driver.findElements(By.cssSelector("#article-view .body mark"))).isNotEmpty();
    WebElement related =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#related a")));
    shot("07-article");
    String relatedTitle = related.getText();
    related.click();
    wait.until(
        d -> d.findElement(By.cssSelector("#article-view h1")).getText().equals(relatedTitle));
    shot("08-related");

    driver.navigate().back();
    wait.until(d -> d.findElement(By.cssSelector("#article-view h1")).getText().equals(firstTitle));
    driver.navigate().back();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-view")));
    waitForResults();
    assertThat(hits().get(0).findElement(By.cssSelector("h2")).getText()).isEqualTo(firstTitle);
    assertThat(url()).contains("q=glacier");
    shot("09-back-to-results");
  }

  @Test
  void markup_inside_an_article_is_shown_as_text_and_never_runs() throws Exception {
    open("?q=scare");
    WebElement title = hits().get(0).findElement(By.cssSelector("h2"));
    assertThat(title.getText()).contains("<script>window.__pwned=1</script>");
    assertThat(driver.findElements(By.cssSelector("#hits script, #hits img"))).isEmpty();
    title.findElement(By.cssSelector("a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(driver.findElement(By.cssSelector("#article-view .body")).getText())
        .contains("<img src=x onerror=");
    assertThat(driver.findElements(By.cssSelector("#article-view script, #article-view img")))
        .isEmpty();
    Object pwned =
        ((JavascriptExecutor) driver)
            .executeScript("return window.__pwned === undefined ? null : window.__pwned");
    assertThat(pwned).isNull();
    shot("10-script-in-article");
  }

  @Test
  void an_empty_result_explains_itself_and_api_errors_are_shown() throws Exception {
    open("?q=harbour&source=Valley+Tribune&category=Sport");
    WebElement empty = driver.findElement(By.id("empty"));
    assertThat(empty.getText()).contains("No articles match");
    driver.findElement(By.id("drop-filters")).click();
    wait.until(d -> !url().contains("source="));
    waitForResults();
    assertThat(hits()).isNotEmpty();
    open("?q=harbour&from=yesterday-ish");
    WebElement error = driver.findElement(By.id("error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).contains("from");
    shot("11-error-shown");
    // Every error offers a way out: here, dropping the date that caused it.
    driver.findElement(By.id("error-clear-dates")).click();
    wait.until(d -> !url().contains("from="));
    waitForResults();
    assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
    assertThat(hits()).isNotEmpty();
    assertThat(url()).contains("q=harbour");
    open("?q=harbour&article=no-such-article");
    assertThat(driver.findElement(By.id("article-error")).getText()).contains("could not be shown");
    driver.findElement(By.id("article-error-back")).click();
    wait.until(d -> !url().contains("article="));
    waitForResults();
    assertThat(hits()).isNotEmpty();
    open("?from=2030-01-01&to=2020-01-01");
    shot("11b-error-from-after-to");
  }

  @Test
  void a_date_that_empties_the_result_offers_the_words_alone_and_a_loose_match_says_so()
      throws Exception {
    open("?q=harbour+last+week");
    WebElement notice = driver.findElement(By.id("notice"));
    assertThat(notice.isDisplayed()).isTrue();
    assertThat(notice.getText()).contains("Nothing last week").contains("at any date");
    shot("12-date-emptied-the-result");
    driver.findElement(By.id("without-date-link")).click();
    wait.until(d -> url().endsWith("q=harbour"));
    waitForResults();
    assertThat(hits()).isNotEmpty();
    open("?q=harbour+zzyzxq");
    assertThat(driver.findElement(By.id("notice")).getText()).contains("some of them");
    assertThat(hits()).isNotEmpty();
  }

  @Test
  void the_page_fits_a_phone_and_sends_a_strict_content_security_policy() throws Exception {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      open("?q=harbour");
      Object overflow =
          ((JavascriptExecutor) driver)
              .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
      assertThat(overflow).isEqualTo(false);
      shot("12-phone");
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'");
    assertThat(response.body()).doesNotContain("http://").doesNotContain("https://");
    assertThat(TestServer.class).isNotNull();
  }

  @Test
  void more_results_of_a_respelled_query_page_on_with_the_respelling() {
    open("");
    submit("nortfield"); // "Northfield" is in 11 of the demo's articles
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("showing-for")));
    assertThat(driver.findElement(By.id("showing-for")).getText()).isEqualTo("northfield");
    assertThat(hits()).hasSize(10);
    driver.findElement(By.id("more")).click();
    wait.until(d -> hits().size() == 11);
    assertThat(driver.findElement(By.id("more-error")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("nortfield");
  }

  @Test
  void mouse_suggestions_escape_more_results_and_a_dragged_year_range() throws Exception {
    open("");
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("harb");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li")));
    q.sendKeys(Keys.ESCAPE);
    assertThat(driver.findElement(By.id("suggestions")).isDisplayed()).isFalse();
    q.clear();
    q.sendKeys("sea wal");
    WebElement title =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#suggestions li[data-kind=title]")));
    String chosen = title.getText().replaceFirst("(?i)^title\\s*", "");
    title.click();
    WebElement h1 =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(h1.getText()).isEqualTo(chosen);

    open("");
    assertThat(hits()).hasSize(10);
    String total = driver.findElement(By.id("status")).getText().split(" · ")[0];
    driver.findElement(By.id("more")).click();
    wait.until(d -> hits().size() == 20);
    assertThat(driver.findElement(By.id("status")).getText())
        .contains("showing 20")
        .startsWith(total + " · ");
    // "More results" is kept in the URL: a reload, or back from an article, shows the same 20.
    wait.until(d -> url().contains("shown=20"));
    driver.navigate().refresh();
    waitForResults();
    assertThat(hits()).hasSize(20);
    assertThat(driver.findElement(By.id("status")).getText()).startsWith(total + " · ");
    hits().get(15).findElement(By.cssSelector("h2 a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    driver.navigate().back();
    waitForResults();
    assertThat(hits()).hasSize(20);

    List<WebElement> bars = driver.findElements(By.cssSelector(".histogram .bar"));
    assertThat(bars.size()).isGreaterThanOrEqualTo(10);
    String first = bars.get(1).getAttribute("data-year");
    String last = bars.get(4).getAttribute("data-year");
    new org.openqa.selenium.interactions.Actions(driver)
        .clickAndHold(bars.get(1))
        .moveToElement(bars.get(4))
        .release()
        .perform();
    wait.until(
        d -> url().contains("from=" + first + "-01-01") && url().contains("to=" + last + "-12-31"));
    waitForResults();
    for (WebElement hit : hits()) {
      int year =
          Integer.parseInt(hit.findElement(By.cssSelector(".meta")).getText().substring(0, 4));
      assertThat(year).isBetween(Integer.parseInt(first), Integer.parseInt(last));
    }
    shot("13-year-range");
  }
}
