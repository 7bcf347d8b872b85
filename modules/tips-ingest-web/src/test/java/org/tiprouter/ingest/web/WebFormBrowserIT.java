package org.tiprouter.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.web.WebSubmission;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The public form in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run
 * installs them), with JavaScript switched off: filled in and sent, sent invalid, sent with the
 * keyboard alone. Selenium Manager never runs: the driver binary is given, nothing is downloaded.
 * Screenshots of the form and the confirmation, phone- and laptop-sized, go to target/screenshots.
 * Skipped only when the browser or its driver is not installed.
 */
class WebFormBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Dimension LAPTOP = new Dimension(1366, 900);

  private static EmbeddedKafka kafka;
  private static RawWebTopic topic;
  private static WebIntakeApp intake;
  private static Path browserHome;

  private ChromeDriver browser;
  private Map<TopicPartition, Long> mark;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
    kafka = EmbeddedKafka.start();
    topic = new RawWebTopic(kafka.bootstrapServers(), SERDES).create();
    Map<String, Object> settings = new HashMap<>();
    settings.put(WebIntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 5000);
    intake = new WebIntakeApp(new WebIntakeConfig(settings), SERDES).start();
    browserHome = Files.createTempDirectory("tiprouter-chromium-home-");
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (intake != null) {
      intake.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    mark = topic.mark();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--user-data-dir=" + Files.createTempDirectory(browserHome, "profile-"), "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1", "--lang=en-US");
    options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    // One driver process per browser: quitting the browser stops its driver service too.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("HOME", browserHome.toString(), "SE_OFFLINE", "true"))
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.manage().window().setSize(LAPTOP);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void javaScriptIsOffInThisBrowser() {
    browser.get("data:text/html,<title>static</title><script>document.title='script ran'</script>");

    assertThat(browser.getTitle()).isEqualTo("static");
  }

  @Test
  void sendsAFilledInFormShowsTheReceiptAndTheTipIsOnTheRawTopic() throws IOException {
    open();
    type("f-description", "A man called \"Coach Ray\" asked my 12-year-old to meet him at the skate park.");
    browser.findElement(By.cssSelector("label[for='f-incidentTypes']")).click();
    browser.findElement(By.id("f-childInImmediateDanger")).click();
    type("f-location-city", "Knoxville");
    new Select(browser.findElement(By.id("f-location-state"))).selectByValue("TN");
    type("f-victims-0-age", "12");
    type("f-suspects-0-usernames", "Discord: @coachray_demo");
    new Select(browser.findElement(By.id("f-reporter-relationship"))).selectByValue("PARENT");
    screenshot("form-filled-laptop");
    browser.manage().window().setSize(PHONE);
    screenshot("form-filled-phone");

    browser.findElement(By.cssSelector("button[type='submit']")).click();

    awaitTitle("Report sent: ");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Your report has been sent");
    String receipt = browser.findElement(By.className("receipt-number")).getText();
    screenshot("confirmation-phone");
    browser.manage().window().setSize(LAPTOP);
    screenshot("confirmation-laptop");
    List<RawTip> stored = topic.since(mark);
    assertThat(stored).hasSize(1);
    RawTip raw = stored.get(0);
    assertThat(Receipts.of(raw.getTipId())).isEqualTo(receipt);
    assertThat(raw.getContentType()).isEqualTo(TipForm.CONTENT_TYPE);
    WebSubmission tip = parse(raw);
    assertThat(tip.description()).isEqualTo(
        "A man called \"Coach Ray\" asked my 12-year-old to meet him at the skate park.");
    assertThat(tip.incidentTypes()).extracting(Enum::name).containsExactly("ONLINE_ENTICEMENT");
    assertThat(tip.childInImmediateDanger()).isTrue();
    assertThat(tip.location().state()).isEqualTo("TN");
    assertThat(tip.victims().get(0).age()).isEqualTo(12);
    assertThat(tip.suspects().get(0).usernames().get(0).handle()).isEqualTo("@coachray_demo");
    assertThat(tip.reporter().anonymous()).isTrue();
    assertThat(tip.reporter().relationship()).isEqualTo(WebSubmission.WebRelationship.PARENT);
  }

  @Test
  void anInvalidReportComesBackWithTheProblemNextToTheFieldAndEverythingTypedKept() throws IOException {
    open();
    String description = "He wrote <b>\"don't tell your mom\"</b> & sent a link.\nSecond line.";
    type("f-description", description);
    type("f-victims-0-age", "30");
    type("f-suspects-0-emails", "ray@example.com\nnot-an-email");

    browser.findElement(By.cssSelector("button[type='submit']")).click();

    awaitTitle("Error:");
    assertThat(browser.findElement(By.className("error-summary")).getText())
        .contains("Your report has not been sent yet").contains("Line 2:");
    WebElement age = browser.findElement(By.id("f-victims-0-age"));
    assertThat(age.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(age.getDomProperty("value")).isEqualTo("30");
    assertThat(browser.findElement(By.id("f-victims-0-age-error")).getText()).contains("from 0 to 17");
    assertThat(age.getDomAttribute("aria-describedby")).contains("f-victims-0-age-error");
    assertThat(browser.findElement(By.id("f-description")).getDomProperty("value")).isEqualTo(description);
    assertThat(browser.findElement(By.id("f-suspects-0-emails")).getDomProperty("value"))
        .isEqualTo("ray@example.com\nnot-an-email");
    assertThat(browser.findElement(By.id("f-suspects-0-emails-error")).getText()).contains("Line 2");
    browser.manage().window().setSize(PHONE);
    screenshot("form-errors-phone");
    browser.findElement(By.id("f-victims-0-age")).sendKeys("");
    Files.write(SCREENSHOTS.resolve("form-errors-phone-field.png"), browser.getScreenshotAs(OutputType.BYTES));
    assertThat(topic.since(mark)).isEmpty();

    age.clear();
    age.sendKeys("13");
    WebElement emails = browser.findElement(By.id("f-suspects-0-emails"));
    emails.clear();
    emails.sendKeys("ray@example.com");
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    awaitTitle("Report sent: ");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Your report has been sent");
    assertThat(topic.since(mark)).hasSize(1);
  }

  @Test
  void canBeFilledInAndSentWithTheKeyboardAlone() throws IOException {
    open();
    Actions keys = new Actions(browser);
    keys.sendKeys(Keys.TAB).perform();
    assertThat(active().getText()).isEqualTo("Skip to main content");
    tabUntil("f-description", 60);
    keys.sendKeys("Sent using only the keyboard.").perform();
    tabUntil("f-incidentTypes", 5);
    keys.sendKeys(Keys.SPACE).perform();
    for (int i = 0; i < 300 && !"submit".equals(active().getDomAttribute("type")); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(active().getText()).isEqualTo("Send report");
    keys.sendKeys(Keys.ENTER).perform();

    awaitTitle("Report sent: ");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Your report has been sent");
    List<RawTip> stored = topic.since(mark);
    assertThat(stored).hasSize(1);
    assertThat(parse(stored.get(0)).description()).isEqualTo("Sent using only the keyboard.");
    assertThat(parse(stored.get(0)).incidentTypes()).extracting(Enum::name).containsExactly("ONLINE_ENTICEMENT");
  }

  @Test
  void everyControlHasALabelAndTheEmergencyNumberComesFirst() {
    open();

    List<WebElement> controls = browser.findElements(By.cssSelector("input:not([type='hidden']), select, textarea"));
    assertThat(controls).hasSizeGreaterThan(40);
    for (WebElement control : controls) {
      String id = control.getDomAttribute("id");
      assertThat(id).as("control %s", control.getDomAttribute("name")).isNotBlank();
      assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for %s", id).hasSize(1);
    }
    WebElement emergency = browser.findElement(By.className("emergency"));
    assertThat(emergency.getText()).contains("call 911");
    assertThat(emergency.getLocation().getY()).isLessThan(browser.findElement(By.tagName("h1")).getLocation().getY());
    assertThat(browser.getPageSource()).doesNotContain("<script");
  }

  // ---- helpers

  private void open() {
    browser.get("http://127.0.0.1:" + intake.port() + "/");
    assertThat(browser.getTitle()).isEqualTo(TipFormPage.TITLE);
  }

  private void type(String id, String text) {
    WebElement element = browser.findElement(By.id(id));
    if (!element.isDisplayed()) {
      WebElement details = element.findElement(By.xpath("ancestor::details[1]"));
      details.findElement(By.tagName("summary")).click();
    }
    element.sendKeys(text);
  }

  /** Waits for the page that a submit leads to (the click may return before it has loaded). */
  private void awaitTitle(String start) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> browser.getTitle().startsWith(start));
  }

  private WebElement active() {
    return browser.switchTo().activeElement();
  }

  private void tabUntil(String id, int atMost) {
    for (int i = 0; i < atMost && !id.equals(active().getDomAttribute("id")); i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    assertThat(active().getDomAttribute("id")).isEqualTo(id);
  }

  private static WebSubmission parse(RawTip raw) {
    byte[] payload = new byte[raw.getPayload().remaining()];
    raw.getPayload().duplicate().get(payload);
    Parsed<WebSubmission> parsed = new WebSubmissionParser(Clock.systemUTC()).parse(payload, raw.getContentType());
    assertThat(parsed).as(new String(payload, StandardCharsets.UTF_8)).isInstanceOf(Parsed.Accepted.class);
    return ((Parsed.Accepted<WebSubmission>) parsed).value();
  }

  /** A full-page PNG through the DevTools protocol (a WebDriver screenshot stops at the window). */
  @SuppressWarnings("unchecked")
  private void screenshot(String name) throws IOException {
    Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
        "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    Files.write(SCREENSHOTS.resolve(name + "-window.png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
