package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A PNG timeline of one file: the loudness of every window (dBFS, the envelope of the signal)
 * above a strip coloured by segment label, with a time axis. Drawn with Java2D: XChart, used for
 * the evaluation figures, has no series for coloured spans of time, which is all this picture is.
 */
public final class TimelinePlot {
    private static final int WIDTH = 1600;
    private static final int HEIGHT = 240;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int ENVELOPE = 120;
    private static final int STRIP = 30;
    private static final double FLOOR_DB = -60;
    private static final Color MUSIC = new Color(0x1f77b4);
    private static final Color SPEECH = new Color(0xff7f0e);
    private static final Color SILENCE = new Color(0xd0d0d0);

    private TimelinePlot() {
    }

    public static void write(SegmentedFile file, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double duration = Math.max(file.durationSeconds(), 1e-9);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(file.file() + String.format(Locale.ROOT, "  (%s)", clock(file.durationSeconds())), LEFT, 18);

        // Envelope: the loudest window in each pixel column, in dBFS.
        Posteriors p = file.posteriors();
        if (p != null && p.size() > 0) {
            double[] column = new double[plotWidth];
            java.util.Arrays.fill(column, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < p.size(); k++) {
                int x = (int) Math.min(plotWidth - 1, file.timing().windowStart(k) / duration * plotWidth);
                column[x] = Math.max(column[x], 20 * Math.log10(Math.max(p.rms(k), 1e-9)));
            }
            g.setColor(new Color(0x606060));
            double last = FLOOR_DB;
            for (int x = 0; x < plotWidth; x++) {
                double db = Double.isInfinite(column[x]) ? last : column[x];
                last = db;
                int h = (int) Math.round((Math.max(FLOOR_DB, Math.min(0, db)) - FLOOR_DB) / -FLOOR_DB * ENVELOPE);
                g.drawLine(LEFT + x, TOP + ENVELOPE, LEFT + x, TOP + ENVELOPE - h);
            }
        }
        g.setColor(Color.GRAY);
        g.drawString("0 dB", 8, TOP + 10);
        g.drawString((int) FLOOR_DB + " dB", 8, TOP + ENVELOPE);

        int stripTop = TOP + ENVELOPE + 8;
        for (Segment s : file.segments()) {
            int x0 = LEFT + (int) Math.round(s.startSeconds() / duration * plotWidth);
            int x1 = LEFT + (int) Math.round(s.endSeconds() / duration * plotWidth);
            g.setColor(colour(s.label()));
            g.fillRect(x0, stripTop, Math.max(1, x1 - x0), STRIP);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(LEFT, stripTop, plotWidth, STRIP);

        int axis = stripTop + STRIP;
        double step = tickStep(duration);
        for (double t = 0; t <= duration + 1e-9; t += step) {
            int x = LEFT + (int) Math.round(t / duration * plotWidth);
            g.drawLine(x, axis, x, axis + 5);
            g.drawString(clock(t), x - 15, axis + 18);
        }
        int legend = LEFT;
        for (Label label : Label.values()) {
            g.setColor(colour(label));
            g.fillRect(legend, HEIGHT - 16, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(label.text(), legend + 16, HEIGHT - 6);
            legend += 90;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static Color colour(Label label) {
        return switch (label) {
            case MUSIC -> MUSIC;
            case SPEECH -> SPEECH;
            case SILENCE -> SILENCE;
        };
    }

    /** About ten ticks: 1, 2, 5 times a power of ten seconds, or whole minutes and hours. */
    private static double tickStep(double duration) {
        double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
        for (double s : steps) {
            if (duration / s <= 12) {
                return s;
            }
        }
        return Math.ceil(duration / 12 / 86400) * 86400;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
