package com.zerolaghub.verticles.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver (no browser download), on a fresh
 * profile. Every page it opens records Content-Security-Policy violations in {@code window.__csp}
 * (a listener installed before the page's own scripts run), and {@link #assertClean} fails on any
 * of them and on any browser console error, except the network line Chromium logs for an API
 * answer the test expects to fail with a 4xx problem (the page shows those problems itself).
 */
final class PortalBrowser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
  private static final String CSP_LISTENER = "window.__csp = [];"
      + "document.addEventListener('securitypolicyviolation', function (e) {"
      + " window.__csp.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber); });";

  final ChromeDriver driver;
  final String base;
  private final Path profile;
  private final List<String> problems = new ArrayList<>();
  private final List<String> expectedServerErrors = new ArrayList<>();

  PortalBrowser(String base) throws IOException {
    this.base = base;
    this.profile = Files.createTempDirectory("zlh-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
  }

  /** Files the pages download (an <a download> or a blob) land in {@code dir}. */
  void downloadTo(Path dir) {
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toAbsolutePath().toString()));
  }

  void open(String path) {
    collect();
    driver.get(base + path);
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement waitForText(By by, String text) {
    return waitForText(by, text, Duration.ofSeconds(15));
  }

  WebElement waitForText(By by, String text, Duration within) {
    new WebDriverWait(driver, within).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  void waitGone(By by) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.invisibilityOfElementLocated(by));
  }

  void fill(String id, String value) {
    WebElement input = waitFor(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  void click(By by) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  By button(String text) {
    return By.xpath("//button[normalize-space(.)='" + text + "']");
  }

  String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves the page at desktop width and at 360 px (a phone), under target/portal-screenshots/. */
  void screenshots(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + "-desktop.png"), driver.getScreenshotAs(OutputType.BYTES));
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 360, "height", 780, "deviceScaleFactor", 1, "mobile", true));
    try {
      Thread.sleep(150); // one layout pass at the new width
      Files.write(SCREENSHOTS.resolve(name + "-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
      Object overflow = ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
      if (Boolean.TRUE.equals(overflow)) problems.add(name + ": the page is wider than a 360 px phone screen");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /** Saves the page at desktop width with the system set to dark (the portal follows it). */
  void darkScreenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      Files.write(SCREENSHOTS.resolve(name + "-dark.png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  /** Reads the CSP violations and console errors the current page has had so far. */
  @SuppressWarnings("unchecked")
  void collect() {
    try {
      Object csp = ((JavascriptExecutor) driver).executeScript("return window.__csp || []");
      for (Object v : (List<Object>) csp) problems.add("CSP violation: " + v);
      ((JavascriptExecutor) driver).executeScript("if (window.__csp) window.__csp.length = 0");
    } catch (RuntimeException e) {
      // no page yet
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() < Level.SEVERE.intValue()) continue;
      String message = entry.getMessage();
      if (isExpectedApiRefusal(message) || expectedServerErrors.stream().anyMatch(message::contains)) continue;
      problems.add("console: " + message);
    }
  }

  /**
   * Chromium logs "…/api/… Failed to load resource: … status of 4xx" for every refused fetch; the
   * test node has no Prometheus, so the metrics summary answers 503 (the card says so).
   */
  static boolean isExpectedApiRefusal(String message) {
    String failed = "(?s).*Failed to load resource: the server responded with a status of ";
    return message.contains("/api/") && message.matches(failed + "4\\d\\d.*")
        || message.contains("/api/metrics/servers/") && message.matches(failed + "503.*");
  }

  /** A 5xx the test provokes on purpose at {@code path} (its page shows the problem and request id). */
  void expectServerError(String path) {
    expectedServerErrors.add(base + path + " - Failed to load resource: the server responded with a status of 5");
  }

  /** A console error the test causes on purpose (e.g. a cut network link), matched by a fragment. */
  void expectConsoleError(String fragment) {
    expectedServerErrors.add(fragment);
  }

  /**
   * Keeps what the portal reported so far, then forgets the browser's console while another
   * origin's page (a customer's IDE, not ours to judge) had the window.
   */
  void notJudgingAnotherOriginsPage(Runnable visit) {
    collect();
    visit.run();
    driver.manage().logs().get(LogType.BROWSER);
  }

  /** Fails when any page had a CSP violation or a console error. */
  void assertClean() {
    collect();
    if (!problems.isEmpty()) throw new AssertionError("the browser reported:\n  " + String.join("\n  ", problems));
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
