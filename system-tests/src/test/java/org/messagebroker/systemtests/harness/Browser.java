package org.messagebroker.systemtests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Selenium with Debian's chromedriver (nothing downloaded).
 * Screenshots go to {@code target/screenshots} at phone and desktop width.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public final WebDriver driver;
    private final String base;

    public Browser(String base, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // Our CA is not in the browser's trust store; the TLS itself is tested elsewhere with real trust.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--ignore-certificate-errors", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        this.driver.manage().window().setSize(new Dimension(1366, 900));
        this.base = base;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void logIn(String email, String password) {
        open("/login");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        click(By.cssSelector("main form button[type=submit]"));
    }

    /** Clicks like a person would after scrolling the element into view. */
    public void click(By by) {
        org.openqa.selenium.WebElement element = driver.findElement(by);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    public void logOut() {
        click(By.cssSelector("nav form button[type=submit]"));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Logs in with the keyboard alone: type, Tab to the next field, Enter to submit. */
    public void logInByKeyboard(String email, String password) {
        open("/login");
        driver.findElement(By.id("email")).sendKeys(email, Keys.TAB, password, Keys.ENTER);
    }

    /**
     * Saves the current page at desktop and at phone width, after checking what every page must have:
     * a title naming the product, one main heading, and a name for every field and button.
     */
    public void screenshots(String name) {
        assertThat(driver.getTitle()).as(name + ": title").endsWith("Message Broker");
        assertThat(driver.findElements(By.tagName("h1"))).as(name + ": one main heading").hasSize(1);
        assertThat((List<?>) ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                    .filter(e => e.type !== 'hidden')
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                        && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON' && e.textContent.trim()))
                    .map(e => e.outerHTML);""")).as(name + ": fields and buttons without a name").isEmpty();
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int[] size : new int[][] {{1366, 900}, {390, 844}}) {
                driver.manage().window().setSize(new Dimension(size[0], size[1]));
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + size[0] + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(new Dimension(1366, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * At a phone's width (390 px) neither the page nor any table in it scrolls sideways, once the page has
     * laid itself out again (charts resize a moment after the window does).
     */
    public void assertFitsAPhone(String name) {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat((List<?>)
                    ((JavascriptExecutor) driver).executeScript("""
                    return [document.documentElement, ...document.querySelectorAll('.table-responsive, table')]
                        .filter(e => e.scrollWidth > e.clientWidth + 1)
                        .map(e => (e.id || e.className || e.tagName) + ': ' + e.scrollWidth + ' > ' + e.clientWidth);"""))
                    .as(name + ": wider than a phone").isEmpty());
        } finally {
            driver.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
