package io.musicspeech.serve;

import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.segment.TestProgramme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real browser: Debian's chromium, headless, with a fake microphone that plays a WAV
 * the test synthesises (espeak-ng speech, then Gervill music), driven through chromedriver by
 * Selenium. The page must show speech and then music from the live stream, and draw the segments
 * of a file given to its file input. The screenshot is kept as target/serve-page.png.
 */
class PageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target/serve-page.png");

    @TempDir
    Path work;

    @Test
    void thePageShowsSpeechThenMusicFromTheMicrophoneAndDrawsAnUploadedFile() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed: the browser test is skipped (.ci/run installs them)");
        TestProgramme.assumeTools();
        TestProgramme.Programme programme = TestProgramme.make();
        // Speech, the gap, then the music: the fake microphone plays this (and loops it).
        float[] speechThenMusic = Arrays.copyOf(programme.samples(), (int) (programme.musicEnd() * TestProgramme.RATE));
        Path microphone = work.resolve("microphone.wav");
        WavWriter.write(microphone, speechThenMusic, TestProgramme.RATE);
        Path upload = FfmpegCli.encode(microphone, work.resolve("upload"), "mp3");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,1100",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone, "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        try (Running running = Running.start()) {
            WebDriver browser = new ChromeDriver(driverService, options);
            try {
                browser.get(running.base + "/");
                browser.findElement(By.id("live-start")).click();
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
                wait.pollingEvery(Duration.ofMillis(250));
                wait.until(b -> labels(b).contains("speech"));
                wait.until(b -> {
                    List<String> seen = labels(b);
                    return seen.indexOf("speech") >= 0 && seen.subList(seen.indexOf("speech"), seen.size()).contains("music");
                });
                browser.findElement(By.id("live-stop")).click();

                browser.findElement(By.id("file-input")).sendKeys(upload.toAbsolutePath().toString());
                wait.until(b -> !b.findElements(By.cssSelector("#file-segments tbody tr")).isEmpty());
                List<WebElement> rows = browser.findElements(By.cssSelector("#file-segments tbody tr"));
                List<String> fileLabels = rows.stream().map(r -> r.getAttribute("data-label")).toList();
                assertTrue(fileLabels.contains("speech") && fileLabels.contains("music"), "the file's segments: " + fileLabels);
                assertTrue(browser.findElement(By.id("file-timeline")).getAttribute("data-segments") != null, "the file timeline is drawn");
                assertTrue(browser.findElement(By.id("file-summary")).getText().contains("upload.mp3"));

                Files.createDirectories(SCREENSHOT.getParent());
                File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
    }

    /** The labels of the live segments the page lists, oldest first. */
    private static List<String> labels(WebDriver browser) {
        return browser.findElements(By.cssSelector("#live-segments li")).stream().map(li -> li.getAttribute("data-label")).toList();
    }
}
