package dev.byline.page;

import static dev.byline.page.PageBrowser.driver;
import static dev.byline.page.PageBrowser.hits;
import static dev.byline.page.PageBrowser.js;
import static dev.byline.page.PageBrowser.open;
import static dev.byline.page.PageBrowser.shot;
import static dev.byline.page.PageBrowser.url;
import static dev.byline.page.PageBrowser.wait;
import static dev.byline.page.PageBrowser.waitForResults;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page's controls in real headless Chromium (see {@link PageBrowser}): results as you type,
 * the keyboard path, facets, the phone's filter panel, the year histogram and the sort.
 */
class SearchPageControlsTest {
  /** Wraps the page's fetch to count what it sends, and how much of it was cancelled. */
  static final String COUNT_REQUESTS =
      """
      window.__sent = []; window.__aborted = 0;
      const original = window.fetch;
      const delay = arguments[0];
      window.fetch = async (url, options = {}) => {
        window.__sent.push(String(url));
        options.signal?.addEventListener("abort", () => window.__aborted++);
        if (delay && String(url).startsWith("/api/search")) await new Promise((r) => setTimeout(r, delay));
        return original(url, options);
      };
      """;

  @BeforeAll
  static void start() throws Exception {
    PageBrowser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    PageBrowser.stop();
  }

  @AfterEach
  void back_to_desktop() {
    PageBrowser.desktop();
  }

  static void typeSlowly(WebElement box, String text, long millisPerKey)
      throws InterruptedException {
    for (int i = 0; i < text.length(); i++) {
      box.sendKeys(String.valueOf(text.charAt(i)));
      Thread.sleep(millisPerKey);
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> sent(String prefix) {
    List<String> all = (List<String>) js("return window.__sent");
    return all.stream().filter(u -> u.startsWith(prefix)).toList();
  }

  @Test
  void results_follow_typing_with_one_search_per_pause_and_stale_answers_cancelled()
      throws Exception {
    open("");
    String words = "harbour ferry";
    Map<Long, long[]> perSpeed = new java.util.TreeMap<>();
    for (long millisPerKey : new long[] {80, 150, 250}) {
      open("");
      js(COUNT_REQUESTS, 0);
      WebElement q = driver.findElement(By.id("q"));
      typeSlowly(q, words, millisPerKey);
      wait.until(d -> url().contains("q=" + words));
      waitForResults();
      Thread.sleep(400); // anything still to come would have been sent by now
      long searches = sent("/api/search").size();
      long suggests = sent("/api/suggest").size();
      perSpeed.put(millisPerKey, new long[] {searches, suggests});
      // No Enter pressed: the results are those of the typed words.
      assertThat(hits()).isNotEmpty();
      assertThat(hits().get(0).getText().toLowerCase(java.util.Locale.ROOT))
          .containsAnyOf("harbour", "ferry");
      assertThat(searches)
          .as("searches for %d words typed at %d ms a key", 2, millisPerKey)
          .isLessThanOrEqualTo(2 * 2);
    }
    perSpeed.forEach(
        (ms, n) ->
            System.out.printf(
                "typing \"%s\" (2 words) at %d ms a key: %d searches, %d suggestion requests%n",
                words, ms, n[0], n[1]));
    shot("20-results-as-you-type");

    // A slow answer is cancelled when the words change, and its results never replace the newer
    // ones.
    open("");
    js(COUNT_REQUESTS, 700);
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("glacier");
    Thread.sleep(450); // the search for "glacier" is sent and held by the wrapper
    q.sendKeys(" melt");
    wait.until(d -> url().contains("q=glacier melt"));
    waitForResults();
    Thread.sleep(800);
    assertThat((Long) js("return window.__aborted")).isGreaterThanOrEqualTo(1L);
    assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("glacier melt");
    assertThat(url()).contains("q=glacier melt");
    // One history entry for the burst of typing: back returns to the page before it.
    driver.navigate().back();
    waitForResults();
    assertThat(url()).doesNotContain("q=");
  }

  @Test
  void a_lost_connection_says_so_and_try_again_recovers_for_searches_and_more_results()
      throws Exception {
    open("");
    js(
        "window.__fetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'))");
    driver.findElement(By.id("more")).click();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("more-error")));
    assertThat(error.getText()).contains("could not be reached");
    shot("30-more-results-failed");
    js("window.fetch = window.__fetch");
    driver.findElement(By.id("more-retry")).click();
    wait.until(d -> hits().size() == 20);
    assertThat(driver.findElement(By.id("more-error")).isDisplayed()).isFalse();

    open("?q=harbour");
    js(
        "window.__fetch = window.fetch; window.fetch = () => Promise.reject(new TypeError('Failed to fetch'))");
    new Select(driver.findElement(By.id("sort"))).selectByVisibleText("Newest first");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-retry")));
    assertThat(hits()).isEmpty();
    shot("31-connection-lost");
    js("window.fetch = window.__fetch");
    driver.findElement(By.id("error-retry")).click();
    waitForResults();
    wait.until(d -> !hits().isEmpty());
    assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
    assertThat(url()).contains("sort=newest");
  }

  @Test
  void a_skip_link_comes_first_and_the_first_result_is_a_few_tab_stops_away() throws Exception {
    open("?q=harbour");
    js("document.activeElement.blur(); window.scrollTo(0, 0)");
    new Actions(driver).sendKeys(Keys.TAB).perform();
    WebElement skip = driver.switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to results");
    shot("21-skip-link");
    skip.sendKeys(Keys.ENTER);
    int stops = 0;
    String firstResult = hits().get(0).findElement(By.cssSelector("h2 a")).getAttribute("href");
    while (stops < 20) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      stops++;
      if (firstResult.equals(driver.switchTo().activeElement().getAttribute("href"))) break;
    }
    assertThat(stops).as("tab stops from the skip link to the first result").isLessThanOrEqualTo(4);
    // From the top of the page without the skip link, the filters still come after the results.
    open("?q=harbour");
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      WebElement at = driver.switchTo().activeElement();
      order.add(
          at.getAttribute("id") + "|" + at.getAttribute("class") + "|" + at.getAttribute("href"));
      if (firstResult.equals(at.getAttribute("href"))) break;
    }
    assertThat(order).as("tab order").noneMatch(s -> s.contains("facet"));
    assertThat(order.get(order.size() - 1)).contains(firstResult);
  }

  @Test
  void facets_show_five_then_more_and_keep_their_order_when_clicked() throws Exception {
    open("");
    List<WebElement> authors = driver.findElements(By.cssSelector("#facet-author li"));
    assertThat(authors.size()).isGreaterThan(5);
    assertThat(authors.stream().filter(WebElement::isDisplayed).count()).isEqualTo(5);
    WebElement more = driver.findElement(By.cssSelector(".show-more[data-field=author]"));
    assertThat(more.getAttribute("aria-expanded")).isEqualTo("false");
    more.click();
    assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(
            driver.findElements(By.cssSelector("#facet-author li")).stream()
                .allMatch(WebElement::isDisplayed))
        .isTrue();
    shot("22-facets-show-more");
    List<String> authorsBefore = values("author");
    driver.findElements(By.cssSelector(".facet[data-field=author]")).get(7).click();
    wait.until(d -> url().contains("author="));
    waitForResults();
    assertThat(values("author")).as("the clicked list keeps its order").isEqualTo(authorsBefore);
    assertThat(driver.switchTo().activeElement().getAttribute("data-value"))
        .as("focus stays on the clicked value")
        .isEqualTo(authorsBefore.get(7));
    assertThat(
            driver
                .findElement(By.cssSelector(".show-more[data-field=author]"))
                .getAttribute("aria-expanded"))
        .as("show more stays open in the same search")
        .isEqualTo("true");

    open("");
    List<String> before = values("source");
    driver.findElements(By.cssSelector(".facet[data-field=source]")).get(2).click();
    wait.until(d -> url().contains("source="));
    waitForResults();
    assertThat(values("source")).as("the clicked list keeps its order").isEqualTo(before);
    List<String> categories = values("category");
    driver.findElements(By.cssSelector(".facet[data-field=category]")).get(1).click();
    wait.until(d -> url().contains("category="));
    waitForResults();
    List<String> after = values("category");
    assertThat(after)
        .as("values keep their relative order")
        .isEqualTo(categories.stream().filter(after::contains).toList());
  }

  static List<String> values(String field) {
    return driver.findElements(By.cssSelector(".facet[data-field=" + field + "]")).stream()
        .map(e -> e.getAttribute("data-value"))
        .toList();
  }

  @Test
  void on_a_phone_the_filters_open_from_a_button_above_the_results() throws Exception {
    PageBrowser.phone();
    open("?q=harbour");
    WebElement toggle = driver.findElement(By.id("filters-toggle"));
    assertThat(toggle.isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("facets")).isDisplayed()).isFalse();
    assertThat(toggle.getLocation().getY()).isLessThan(hits().get(0).getLocation().getY());
    shot("23-phone-results");
    toggle.click();
    WebElement facets = driver.findElement(By.id("facets"));
    assertThat(facets.isDisplayed()).isTrue();
    assertThat(facets.getLocation().getY()).isLessThan(hits().get(0).getLocation().getY());
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("filters-heading");
    shot("24-phone-filters-open");
    driver.findElement(By.cssSelector(".facet[data-field=category]")).click();
    wait.until(d -> url().contains("category="));
    waitForResults();
    assertThat(driver.findElement(By.id("facets")).isDisplayed())
        .as("still open to add another")
        .isTrue();
    assertThat(driver.findElement(By.id("filters-toggle")).getText()).isEqualTo("Filters (1)");
    driver.findElement(By.id("filters-close")).click();
    assertThat(driver.findElement(By.id("facets")).isDisplayed()).isFalse();
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("filters-toggle");
    Object overflow = js("return document.documentElement.scrollWidth > window.innerWidth + 1");
    assertThat(overflow).isEqualTo(false);
    shot("25-phone-filtered");
  }

  @Test
  void the_year_histogram_has_every_year_a_labelled_axis_and_picks_by_keyboard_and_touch()
      throws Exception {
    open("?q=harbour"); // 2012, 2013, then nothing until 2020
    List<WebElement> bars = driver.findElements(By.cssSelector(".histogram .bar"));
    List<Integer> years =
        bars.stream().map(b -> Integer.parseInt(b.getAttribute("data-year"))).toList();
    for (int i = 1; i < years.size(); i++) assertThat(years.get(i)).isEqualTo(years.get(i - 1) + 1);
    assertThat(driver.findElements(By.cssSelector(".histogram .bar.zero")))
        .as("empty years are zero bars")
        .isNotEmpty();
    long labels =
        driver.findElements(By.cssSelector(".years span")).stream()
            .filter(s -> !s.getText().isBlank())
            .count();
    assertThat(labels).isGreaterThanOrEqualTo(3);
    // One tab stop; focus shows the count; arrows move, Shift extends, Enter picks.
    assertThat(driver.findElements(By.cssSelector(".histogram .bar[tabindex='0']"))).hasSize(1);
    WebElement stop = driver.findElement(By.cssSelector(".histogram .bar[tabindex='0']"));
    stop.sendKeys(Keys.END);
    WebElement last = driver.switchTo().activeElement();
    assertThat(last.getAttribute("data-year"))
        .isEqualTo(String.valueOf(years.get(years.size() - 1)));
    assertThat(driver.findElement(By.id("year-readout")).getText())
        .startsWith(last.getAttribute("data-year") + ": ")
        .contains(last.getAttribute("data-count"));
    new Actions(driver)
        .keyDown(Keys.SHIFT)
        .sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT)
        .keyUp(Keys.SHIFT)
        .perform();
    shot("26-histogram-keyboard-picking");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    int hi = years.get(years.size() - 1);
    wait.until(
        d ->
            url().contains("from=" + (hi - 2) + "-01-01") && url().contains("to=" + hi + "-12-31"));
    waitForResults();
    assertThat(driver.findElements(By.cssSelector(".histogram .bar.in-range"))).hasSize(3);
    assertThat(driver.switchTo().activeElement().getAttribute("class"))
        .as("focus stays in the histogram")
        .contains("bar");
    shot("27-histogram-range-marked");
    driver.findElement(By.id("clear-dates")).click();
    wait.until(d -> !url().contains("from="));
    waitForResults();

    // A finger: press on one year, slide to another, lift.
    PageBrowser.phone();
    open("?q=harbour");
    driver.findElement(By.id("filters-toggle")).click();
    bars = driver.findElements(By.cssSelector(".histogram .bar"));
    WebElement a = bars.get(2);
    WebElement b = bars.get(5);
    js("arguments[0].scrollIntoView({block: 'center'})", a);
    PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
    Sequence swipe =
        new Sequence(finger, 0)
            .addAction(
                finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(a), 0, 0))
            .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
            .addAction(
                finger.createPointerMove(
                    Duration.ofMillis(200), PointerInput.Origin.fromElement(b), 0, 0))
            .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
    String from = a.getAttribute("data-year");
    String to = b.getAttribute("data-year");
    driver.perform(List.of(swipe));
    wait.until(
        d -> url().contains("from=" + from + "-01-01") && url().contains("to=" + to + "-12-31"));
    waitForResults();
    shot("28-phone-histogram-touch");
  }

  @Test
  void the_sort_control_says_what_the_list_is_sorted_by() throws Exception {
    open("");
    Select sort = new Select(driver.findElement(By.id("sort")));
    assertThat(sort.getFirstSelectedOption().getText()).isEqualTo("Newest first");
    assertThat(sort.getOptions().stream().map(WebElement::getText)).doesNotContain("Best match");
    sort.selectByVisibleText("Oldest first");
    wait.until(d -> url().contains("sort=oldest"));
    waitForResults();
    List<String> dates =
        hits().stream()
            .map(h -> h.findElement(By.cssSelector(".meta")).getText().substring(0, 10))
            .toList();
    assertThat(dates).isSorted();
    open("?q=harbour");
    sort = new Select(driver.findElement(By.id("sort")));
    assertThat(sort.getFirstSelectedOption().getText()).isEqualTo("Best match");
    shot("29-sort");
  }
}
