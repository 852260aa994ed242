package dev.byline.page;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.cli.DemoCommand;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page in real headless Chromium (Debian's chromium and chromedriver), against a server
 * with the demo collection. Each step saves a screenshot under {@code target/browser/}.
 */
class SearchPageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/browser");

  @TempDir static Path dir;
  static BylineServer server;
  static ChromeDriver driver;
  static WebDriverWait wait;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
              + " (bin/test and .ci/run install them when run as root)");
    }
    server = DemoCommand.startWithDemo(ServerConfig.defaults(dir.resolve("data")).withPort(0));
    base = "http://127.0.0.1:" + server.port() + "/";
    // An article that tries to run script: the page must show it as text and run nothing.
    server.index().write(List.of(dev.byline.article.ArticleJson.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json(
        article("xss-1", "<script>window.__pwned=1</script> Harbour scare",
            "Someone wrote <img src=x onerror=\"window.__pwned=2\"> into the harbour scare story, which is about a false alarm at the quay.",
            "date", "2024-05-05", "source", "Test Wire"))))));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1000", "--user-data-dir=" + dir.resolve("chrome-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) driver.quit();
    if (server != null) server.close();
  }

  static void shot(String name) throws Exception {
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static void open(String query) {
    driver.get(base + query);
    waitForResults();
  }

  static void submit(String words) {
    WebElement q = driver.findElement(By.id("q"));
    q.clear();
    q.sendKeys(words);
    String before = driver.getCurrentUrl();
    q.sendKeys(Keys.ENTER);
    wait.until(d -> !d.getCurrentUrl().equals(before));
    waitForResults();
  }

  /** Waits until the page shows what its URL says (app.js marks body[data-rendered]). */
  static void waitForResults() {
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return document.body.dataset.rendered === location.search")));
  }

  static List<WebElement> hits() {
    return driver.findElements(By.cssSelector("#hits .hit"));
  }

  static String url() {
    return URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8);
  }

  @Test
  void type_pick_a_suggestion_with_the_keyboard_then_filter_with_facets_and_chips() throws Exception {
    open("");
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("tub");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li[data-kind=author]")));
    shot("01-suggestions");
    q.sendKeys(Keys.ARROW_DOWN);
    assertThat(driver.findElement(By.cssSelector("#suggestions li[aria-selected=true]")).getText()).contains("Ana Tubić");
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
    assertThat(marks.get(0).getText().toLowerCase()).startsWith("harbour");
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
    WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion-link")));
    assertThat(suggestion.getText()).isEqualTo("glacier");
    shot("06-did-you-mean");
    suggestion.click();
    wait.until(d -> url().contains("q=glacier"));
    waitForResults();
    assertThat(hits()).isNotEmpty();
    String firstTitle = hits().get(0).findElement(By.cssSelector("h3")).getText();

    hits().get(0).findElement(By.cssSelector("h3 a")).click();
    WebElement h1 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(h1.getText()).isEqualTo(firstTitle);
    assertThat(driver.findElement(By.id("results-view")).isDisplayed()).as("results hidden behind the article").isFalse();
    assertThat(driver.findElements(By.cssSelector("#article-view .body mark"))).isNotEmpty();
    WebElement related = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#related a")));
    shot("07-article");
    String relatedTitle = related.getText();
    related.click();
    wait.until(d -> d.findElement(By.cssSelector("#article-view h1")).getText().equals(relatedTitle));
    shot("08-related");

    driver.navigate().back();
    wait.until(d -> d.findElement(By.cssSelector("#article-view h1")).getText().equals(firstTitle));
    driver.navigate().back();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-view")));
    waitForResults();
    assertThat(hits().get(0).findElement(By.cssSelector("h3")).getText()).isEqualTo(firstTitle);
    assertThat(url()).contains("q=glacier");
    shot("09-back-to-results");
  }

  @Test
  void markup_inside_an_article_is_shown_as_text_and_never_runs() throws Exception {
    open("?q=scare");
    WebElement title = hits().get(0).findElement(By.cssSelector("h3"));
    assertThat(title.getText()).contains("<script>window.__pwned=1</script>");
    assertThat(driver.findElements(By.cssSelector("#hits script, #hits img"))).isEmpty();
    title.findElement(By.cssSelector("a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(driver.findElement(By.cssSelector("#article-view .body")).getText()).contains("<img src=x onerror=");
    assertThat(driver.findElements(By.cssSelector("#article-view script, #article-view img"))).isEmpty();
    Object pwned = ((JavascriptExecutor) driver).executeScript("return window.__pwned === undefined ? null : window.__pwned");
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
    open("?q=x&from=yesterday-ish");
    WebElement error = driver.findElement(By.id("error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).contains("from");
    shot("11-error-shown");
  }

  @Test
  void a_date_that_empties_the_result_offers_the_words_alone_and_a_loose_match_says_so() throws Exception {
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
      Object overflow = ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollWidth > window.innerWidth + 1");
      assertThat(overflow).isEqualTo(Boolean.FALSE);
      shot("12-phone");
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    assertThat(response.body()).doesNotContain("http://").doesNotContain("https://");
    assertThat(TestServer.class).isNotNull();
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
    WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li[data-kind=title]")));
    String chosen = title.getText().replaceFirst("(?i)^title\\s*", "");
    title.click();
    WebElement h1 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#article-view h1")));
    assertThat(h1.getText()).isEqualTo(chosen);

    open("");
    assertThat(hits()).hasSize(10);
    driver.findElement(By.id("more")).click();
    wait.until(d -> hits().size() == 20);
    assertThat(driver.findElement(By.id("status")).getText()).contains("showing 20");

    List<WebElement> bars = driver.findElements(By.cssSelector(".histogram .bar"));
    assertThat(bars.size()).isGreaterThanOrEqualTo(10);
    String first = bars.get(1).getAttribute("data-year");
    String last = bars.get(4).getAttribute("data-year");
    new org.openqa.selenium.interactions.Actions(driver)
        .clickAndHold(bars.get(1)).moveToElement(bars.get(4)).release().perform();
    wait.until(d -> url().contains("from=" + first + "-01-01") && url().contains("to=" + last + "-12-31"));
    waitForResults();
    for (WebElement hit : hits()) {
      int year = Integer.parseInt(hit.findElement(By.cssSelector(".meta")).getText().substring(0, 4));
      assertThat(year).isBetween(Integer.parseInt(first), Integer.parseInt(last));
    }
    shot("13-year-range");
  }
}
