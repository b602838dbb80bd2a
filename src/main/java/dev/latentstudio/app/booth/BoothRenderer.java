package dev.latentstudio.app.booth;

import dev.latentstudio.app.booth.BoothViewModel.Shown;
import dev.latentstudio.app.common.CanvasText;
import dev.latentstudio.app.common.Picture;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceReport;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * Draws a booth frame (or its HOG picture) as large as fits, and over it each face's box, landmarks, name
 * with confidence and attributes, plus the fps counter. Known faces are green, unknown ones amber.
 */
public final class BoothRenderer {
    static final Color KNOWN = Color.web("#3fb950");
    static final Color UNKNOWN = Color.web("#d29922");
    private static final Color HINT = Color.web("#6e7681");
    private final String empty;
    private WritableImage image;
    private Picture drawn;

    public BoothRenderer(String empty) {
        this.empty = empty;
    }

    /** Where the frame lands on the canvas: top-left and scale (canvas units per frame pixel). */
    public record Layout(double x, double y, double scale) {
        double cx(double px) {
            return x + px * scale;
        }

        double cy(double py) {
            return y + py * scale;
        }
    }

    public static Layout layout(double width, double height, int w, int h) {
        double s = Math.min(width / w, height / h);
        return new Layout(Math.floor((width - w * s) / 2), Math.floor((height - h * s) / 2), s);
    }

    public void draw(GraphicsContext gc, double width, double height, Shown s, boolean showHog, double fps) {
        gc.setFill(Color.BLACK);
        gc.fillRect(0, 0, width, height);
        if (s == null) {
            gc.setFill(HINT);
            gc.setFont(Font.font(13));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            dev.latentstudio.app.common.CanvasText.centred(gc, empty, width / 2, height / 2, width - 24);
            return;
        }
        Picture p = showHog && s.hog() != null ? s.hog() : s.frame();
        upload(p);
        Layout l = layout(width, height, s.frame().width(), s.frame().height());
        gc.setImageSmoothing(true);
        gc.drawImage(image, l.x(), l.y(), s.frame().width() * l.scale(), s.frame().height() * l.scale());
        for (FaceReport f : s.faces()) face(gc, l, f);
        labels(gc, l, s.faces(), width, height);
        gc.setFont(Font.font("monospace", FontWeight.BOLD, 13));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        String counter = String.format(Locale.ROOT, "%.1f fps · %.0f ms", fps, s.millis());
        gc.setFill(Color.color(0, 0, 0, 0.55));
        gc.fillRect(6, 6, 8 + counter.length() * 8, 20);
        gc.setFill(Color.WHITE);
        gc.fillText(counter, 10, 8);
    }

    private void upload(Picture p) {
        if (p == drawn) return;
        if (image == null || image.getWidth() != p.width() || image.getHeight() != p.height()) image = new WritableImage(p.width(), p.height());
        image.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
        drawn = p;
    }

    private static void face(GraphicsContext gc, Layout l, FaceReport f) {
        boolean known = f.identity() != null && f.identity().known();
        Color c = known ? KNOWN : UNKNOWN;
        FaceBox b = f.box();
        double x = l.cx(b.x()), y = l.cy(b.y()), w = b.width() * l.scale(), h = b.height() * l.scale();
        gc.setStroke(c);
        gc.setLineWidth(2);
        gc.strokeRect(x, y, w, h);
        gc.setFill(c);
        double r = Math.max(1.5, Math.min(3, w / 60));
        for (FaceReport.Point pt : f.landmarks()) gc.fillOval(l.cx(pt.x()) - r, l.cy(pt.y()) - r, 2 * r, 2 * r);
    }

    private static final Font TITLE = Font.font(null, FontWeight.BOLD, 14), ATTRIBUTES = Font.font(12);
    private static final double TAG_HEIGHT = 18;

    /** Every face's name above its box and attributes below, laid out together so none leaves the canvas or covers another. */
    private static void labels(GraphicsContext gc, Layout l, java.util.List<FaceReport> faces, double width, double height) {
        java.util.List<TagLayout.Tag> wanted = new java.util.ArrayList<>();
        java.util.List<TagLayout.Box> boxes = new java.util.ArrayList<>();
        java.util.List<String> texts = new java.util.ArrayList<>();
        java.util.List<Boolean> titles = new java.util.ArrayList<>();
        java.util.List<FaceReport> owners = new java.util.ArrayList<>();
        for (int k = 0; k < faces.size(); k++) {
            FaceReport f = faces.get(k);
            double x = l.cx(f.box().x()), y = l.cy(f.box().y()), w = f.box().width() * l.scale(), h = f.box().height() * l.scale();
            boxes.add(new TagLayout.Box(x, y, w, h, k));
            String t = title(f);
            wanted.add(new TagLayout.Tag(new TagLayout.Box(x - 1, y - 2 - TAG_HEIGHT, CanvasText.width(t, TITLE) + 8, TAG_HEIGHT, k), true));
            texts.add(t);
            titles.add(true);
            owners.add(f);
            if (f.attributes() != null) {
                String a = attributes(f.attributes());
                wanted.add(new TagLayout.Tag(new TagLayout.Box(x - 1, y + h + 2, CanvasText.width(a, ATTRIBUTES) + 8, TAG_HEIGHT, k), false));
                texts.add(a);
                titles.add(false);
                owners.add(f);
            }
        }
        java.util.List<TagLayout.Box> placed = TagLayout.place(wanted, boxes, width, height);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        for (int i = 0; i < placed.size(); i++) {
            TagLayout.Box t = placed.get(i);
            boolean known = owners.get(i).identity() != null && owners.get(i).identity().known();
            gc.setFill(titles.get(i) ? (known ? KNOWN : UNKNOWN) : Color.color(0, 0, 0, 0.65));
            gc.fillRect(t.x(), t.y(), t.w(), t.h());
            gc.setFill(titles.get(i) ? Color.BLACK : Color.WHITE);
            gc.setFont(titles.get(i) ? TITLE : ATTRIBUTES);
            gc.fillText(texts.get(i), t.x() + 4, t.y() + 2);
        }
    }

    /** "Ada 0.93", "unknown", or the detector's score when nobody is named. */
    static String title(FaceReport f) {
        if (f.identity() == null) return String.format(Locale.ROOT, "face %.2f", f.score());
        if (!f.identity().known()) return "unknown";
        return String.format(Locale.ROOT, "%s %.2f", f.identity().name(), f.identity().probability());
    }

    static String attributes(FaceReport.Attributes a) {
        return String.format(Locale.ROOT, "%.0f y · %s %.2f · %s %.2f", a.age(), a.gender(), a.genderProbability(),
                a.expression(), a.expressionProbability());
    }
}
