package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.topics.TopicNames;

/**
 * The operations dashboard ({@code GET /} on the operations port) in a real headless Chromium
 * (Debian's chromium and chromium-driver; .ci/run installs them), with the whole pipeline on the real
 * broker and registry: opened before any tip, it shows the tips that then flow and a row for the
 * agency that received them, updating itself without a reload. A laptop-sized screenshot goes to
 * {@code target/screenshots/dashboard.png} for review. Skipped only when the browser or its driver
 * is not installed.
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final String AGENCY = "knoxville-pd";

  @TempDir
  static Path dataDir;

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withDemoDirectory();
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");

    Path home = Files.createDirectories(dataDir.resolve("chromium-home"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--user-data-dir=" + Files.createDirectories(home.resolve("profile")), "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1", "--lang=en-US");
    // the driver binary is given, so Selenium Manager never runs and nothing is downloaded
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("HOME", home.toString(), "SE_OFFLINE", "true"))
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.manage().window().setSize(new Dimension(1366, 900));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void showsTheTipsThatFlowAndTheAgencyThatReceivedThemWithoutReloading() throws Exception {
    browser.get("http://127.0.0.1:" + running.pipeline().opsPort() + "/");
    await().atMost(ofSeconds(30)).until(() -> !text("updated").equals("waiting for data"));
    assertThat(number(text("ingested"))).isZero();
    assertThat(browser.findElements(By.cssSelector("#agencies tr[data-agency='" + AGENCY + "']"))).isEmpty();
    // a mark on this very page: gone if the page reloads
    browser.executeScript("window.tiprouterSamePage = true;");

    IntakeClient intake = new IntakeClient(running.pipeline().intakePort());
    int knoxville = 2;
    for (int i = 0; i < knoxville; i++) {
      intake.web("{\"description\":\"an adult messaging children near the school " + i + "\",\"location\":{"
          + "\"city\":\"Knoxville\",\"state\":\"TN\",\"zip\":\"37902\"}}");
    }
    intake.web("{\"description\":\"a man in the park chat asked my son for photos\"}");
    intake.web("{\"description\":\"a girl is with a man who threatens her right now\",\"childInImmediateDanger\":true,"
        + "\"location\":{\"city\":\"Knoxville\",\"state\":\"TN\",\"zip\":\"37902\"}}");
    int sent = knoxville + 2;
    // and one record no stage can read, so the screenshot shows a dead letter too
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(running.clients().producer("e2e-garbage"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TopicNames.defaults().raw(Channel.WEB), "garbage".getBytes(UTF_8),
          "not an avro record".getBytes(UTF_8))).get();
    }
    StagesCaughtUp.waitFor(running.clients(), TopicNames.defaults());

    await().atMost(ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(number(text("ingested"))).as("tips ingested").isEqualTo(sent);
      List<WebElement> row = browser.findElements(By.cssSelector("#agencies tr[data-agency='" + AGENCY + "'] td"));
      assertThat(row).as("the agency's row").isNotEmpty();
      assertThat(row.get(0).getText()).isEqualTo(AGENCY);
      // the urgent tip too: it goes to the agency's queue as well as its urgent lane
      assertThat(number(row.get(1).getText())).as("routed to " + AGENCY).isEqualTo(knoxville + 1);
      assertThat(number(row.get(2).getText())).as("queue depth of " + AGENCY).isPositive();
      assertThat(number(text("urgent"))).as("urgent not yet consumed").isPositive();
      assertThat(number(text("dlq"))).as("dead letters").isEqualTo(1);
    });
    assertThat(browser.executeScript("return window.tiprouterSamePage === true;")).as("no reload").isEqualTo(true);
    assertThat(text("triage")).isNotIn("–", "0");

    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertThat(png.length).isGreaterThan(PNG_SIGNATURE.length);
    assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText().trim();
  }

  /** A count as the page writes it ("–" before any data, thousands separated); digits only. */
  private static long number(String text) {
    String digits = text.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? 0 : Long.parseLong(digits);
  }
}
