package io.crminventorysync.web.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium for the console's tests: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (both installed by {@code .ci/run}). The paths are given, so Selenium Manager
 * never looks for (or downloads) a driver. Headless, 1280 px wide, as the README's screenshots.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** Where screenshots go: target/console-screenshots, or docs with -Dconsole.screenshots=docs. */
    static final Path SHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    final WebDriver driver;
    private final ChromeDriverService service;
    private final String base;

    Browser(int port) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("The console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-GB");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Logs in through the form, as an operator does, when the browser has no session yet. */
    void logIn(String user, String password) {
        open("/");
        if (driver.getCurrentUrl().contains("/login")) {
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("button[type=submit]")).click();
            until(d -> d.findElements(By.cssSelector("section.card")).size() == 3);
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(condition);
    }

    /** A screenshot of the whole page at 1280 px, for the README. */
    void screenshot(String name) {
        screenshot(name, 1280);
    }

    /** Whether the page fits the window's width (no sideways scrolling of the page itself). */
    boolean fitsWidth() {
        return (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    /** Opens the window at {@code width} px for what follows; {@link #screenshot} restores 1280. */
    void width(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    void screenshot(String name, int width) {
        try {
            Files.createDirectories(SHOTS);
            long height = (Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return Math.ceil(document.documentElement.scrollHeight)");
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height + 140, 600), 3000)));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(1280, before.getHeight()));
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name + ": " + e, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
