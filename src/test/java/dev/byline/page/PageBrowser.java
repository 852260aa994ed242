package dev.byline.page;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;

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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser the page tests share: real headless Chromium (Debian's chromium and chromedriver)
 * against a server with the demo collection. A test class calls {@link #start()} before its tests
 * and {@link #stop()} after; each step can save a screenshot under {@code target/browser/}.
 */
final class PageBrowser {
  private PageBrowser() {}

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SHOTS = Path.of("target/browser");

  static Path dir;
  static BylineServer server;
  static ChromeDriver driver;
  static WebDriverWait wait;
  static String base;

  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
              + " (bin/test and .ci/run install them when run as root)");
    }
    dir = Files.createTempDirectory("byline-page");
    server = DemoCommand.startWithDemo(ServerConfig.defaults(dir.resolve("data")).withPort(0));
    base = "http://127.0.0.1:" + server.port() + "/";
    // An article that tries to run script: the page must show it as text and run nothing.
    server
        .index()
        .write(
            List.of(
                dev.byline.article.ArticleJson.read(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                            json(
                                article(
                                    "xss-1",
                                    "<script>window.__pwned=1</script> Harbour scare",
                                    "Someone wrote <img src=x onerror=\"window.__pwned=2\"> into the harbour scare story, which is about a false alarm at the quay.",
                                    "date",
                                    "2024-05-05",
                                    "source",
                                    "Test Wire"))))));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + dir.resolve("chrome-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    Files.createDirectories(SHOTS);
  }

  static void stop() throws Exception {
    if (driver != null) driver.quit();
    if (server != null) server.close();
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.deleteIfExists(path);
      }
    }
  }

  /** The page's own state and requests, for tests that count what it sends. */
  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void phone() {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
  }

  static void desktop() {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
  }

  static void shot(String name) throws Exception {
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        SHOTS.resolve(name + ".png"),
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
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript("return document.body.dataset.rendered === location.search")));
  }

  static List<WebElement> hits() {
    return driver.findElements(By.cssSelector("#hits .hit"));
  }

  static String url() {
    return URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8);
  }
}
