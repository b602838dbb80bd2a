package dev.latentstudio.engine.pix2pix;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.data.Digits;
import dev.latentstudio.engine.face.FaceAligner;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.OpenCv;
import dev.latentstudio.engine.image.ImageFolder;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training pairs (A → B) for pix2pix, each at the load size (1.12× the side, as pix2pix loads 286 for
 * 256) so that a batch is cut from random crops, mirrored half the time, both sides alike.
 */
public abstract class Pairs {
    /** pix2pix's load-size factor: resize up, then crop back to the side at a random place. */
    public static final double LOAD_FACTOR = 1.12;

    /** One pair at the load size: CHW floats in [-1, 1]; {@code label} is the class where known, else −1. */
    public record Pair(float[] a, float[] b, int label) {
    }

    private final int side;
    private final int inChannels;
    private final int outChannels;

    Pairs(int side, int inChannels, int outChannels) {
        this.side = side;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
    }

    public abstract int size();

    public abstract Pair pair(int i);

    public abstract String describe();

    /** Files that were looked at and not used, with the reason (empty for bundled data). */
    public List<ImageFolder.Skipped> skipped() {
        return List.of();
    }

    public int side() {
        return side;
    }

    public int loadSide() {
        return load(side);
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    static int load(int side) {
        return (int) Math.round(side * LOAD_FACTOR);
    }

    /** A training batch: pairs {@code idx}, each cropped at random and mirrored half the time (random from {@code rnd}). */
    public INDArray[] batch(int[] idx, SplittableRandom rnd) {
        return cut(idx, rnd);
    }

    /** Pairs {@code idx} as they are judged: the centre crop, not mirrored. */
    public INDArray[] centred(int[] idx) {
        return cut(idx, null);
    }

    /** The pairs cut to the side, at random places and mirrored half the time, or (rnd null) centred as they are. */
    private INDArray[] cut(int[] idx, SplittableRandom rnd) {
        int n = idx.length, l = loadSide(), o = (l - side) / 2;
        float[] a = new float[n * inChannels * side * side];
        float[] b = new float[n * outChannels * side * side];
        for (int k = 0; k < n; k++) {
            Pair p = pair(idx[k]);
            // draws in this order (x, y, mirror): a run's batches, and so an exact resume, depend on it
            int x = rnd == null ? o : rnd.nextInt(l - side + 1), y = rnd == null ? o : rnd.nextInt(l - side + 1);
            boolean mirror = rnd != null && rnd.nextBoolean();
            crop(p.a(), inChannels, l, x, y, mirror, a, k * inChannels * side * side);
            crop(p.b(), outChannels, l, x, y, mirror, b, k * outChannels * side * side);
        }
        return new INDArray[]{Nd4j.create(a, new long[]{n, inChannels, side, side}), Nd4j.create(b, new long[]{n, outChannels, side, side})};
    }

    /** Pair i's class where known, else −1 (without building the pair where the source knows it directly). */
    public int label(int i) {
        return pair(i).label();
    }

    private void crop(float[] src, int channels, int l, int x, int y, boolean mirror, float[] dst, int at) {
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < side; r++) {
                int s = c * l * l + (y + r) * l + x;
                int d = at + c * side * side + r * side;
                for (int q = 0; q < side; q++) dst[d + q] = src[s + (mirror ? side - 1 - q : q)];
            }
        }
    }

    // ---- the sources

    /**
     * Garment outlines → garments: each Fashion-MNIST picture enlarged to the load size, its edges found by
     * Canny on the enlarged picture (white on black), computed when asked so 60,000 pairs take no memory.
     */
    public static Pairs edgesToGarments(Digits garments, int side) {
        OpenCv.load();
        return new Pairs(side, 1, 1) {
            @Override
            public int size() {
                return garments.size();
            }

            @Override
            public Pair pair(int i) {
                int l = loadSide();
                float[] src = garments.pixels();
                Mat small = new Mat(Digits.SIDE, Digits.SIDE, CvType.CV_8UC1);
                byte[] px = new byte[Digits.PIXELS];
                for (int k = 0; k < px.length; k++) px[k] = (byte) Math.round((src[i * Digits.PIXELS + k] + 1) * 127.5f);
                small.put(0, 0, px);
                Mat big = new Mat();
                Imgproc.resize(small, big, new Size(l, l), 0, 0, Imgproc.INTER_CUBIC);
                Mat edges = new Mat();
                Imgproc.Canny(big, edges, 60, 150);
                byte[] bb = new byte[l * l], eb = new byte[l * l];
                big.get(0, 0, bb);
                edges.get(0, 0, eb);
                small.release();
                big.release();
                edges.release();
                float[] a = new float[l * l], b = new float[l * l];
                for (int k = 0; k < a.length; k++) {
                    a[k] = (eb[k] & 0xff) / 127.5f - 1;
                    b[k] = (bb[k] & 0xff) / 127.5f - 1;
                }
                return new Pair(a, b, garments.labels()[i]);
            }

            @Override
            public int label(int i) {
                return garments.labels()[i];
            }

            @Override
            public String describe() {
                return "edges → garments: " + garments.describe();
            }
        };
    }

    /** Bundled Fashion-MNIST as edge/garment pairs: the training or the test split. */
    public static Pairs edgesToGarments(boolean test, int side) throws IOException {
        return edgesToGarments(test ? Dataset.FASHION.test() : Dataset.FASHION.train(), side);
    }

    /** Pictures loaded once at the load size; used for the folder layouts. */
    private static Pairs loaded(List<float[]> as, List<float[]> bs, int side, int channels, List<ImageFolder.Skipped> skipped, String what) {
        return new Pairs(side, channels, channels) {
            @Override
            public int size() {
                return as.size();
            }

            @Override
            public Pair pair(int i) {
                return new Pair(as.get(i), bs.get(i), -1);
            }

            @Override
            public String describe() {
                return what + ", " + as.size() + " pairs";
            }

            @Override
            public List<ImageFolder.Skipped> skipped() {
                return skipped;
            }
        };
    }

    /** pix2pix's aligned layout: each picture is A and B side by side (left A, right B), as wide as two squares. */
    public static Pairs aligned(Path dir, int side, int channels) throws IOException {
        ImageFolder.Listing list = ImageFolder.list(dir);
        List<ImageFolder.Skipped> skipped = new ArrayList<>(list.skipped());
        List<float[]> as = new ArrayList<>(), bs = new ArrayList<>();
        int l = load(side);
        for (Path f : list.files()) {
            try {
                BufferedImage img = ImageReading.readListed(f);
                int w = img.getWidth(), h = img.getHeight();
                if (w < 2 * 8 || h < 8 || Math.abs(w - 2 * h) > 0.1 * h) {
                    throw new ImageReading.Unusable(f, "not an A|B pair: " + w + "×" + h + " (the aligned layout is two squares side by side, twice as wide as high)");
                }
                int half = w / 2;
                as.add(Images.toChw(resize(img.getSubimage(0, 0, half, h), l), channels));
                bs.add(Images.toChw(resize(img.getSubimage(half, 0, w - half, h), l), channels));
            } catch (ImageReading.Unusable e) {
                skipped.add(new ImageFolder.Skipped(f, e.reason()));
            }
        }
        if (as.isEmpty()) throw new IOException("no usable A|B pairs in " + dir + report(skipped));
        return loaded(as, bs, side, channels, List.copyOf(skipped), "A|B pairs from " + dir);
    }

    /** Two folders whose files match by name: {@code dirA/x.png} → {@code dirB/x.png} (any image extension). */
    public static Pairs folders(Path dirA, Path dirB, int side, int channels) throws IOException {
        ImageFolder.Listing la = ImageFolder.list(dirA);
        List<ImageFolder.Skipped> skipped = new ArrayList<>(la.skipped());
        List<float[]> as = new ArrayList<>(), bs = new ArrayList<>();
        int l = load(side);
        for (Path f : la.files()) {
            Path g = partner(dirB, f.getFileName().toString());
            try {
                if (g == null) throw new ImageReading.Unusable(f, "no file of the same name in " + dirB);
                float[] a = Images.toChw(resize(ImageReading.readListed(f), l), channels);
                float[] b = Images.toChw(resize(ImageReading.readListed(g), l), channels);
                as.add(a);
                bs.add(b);
            } catch (ImageReading.Unusable e) {
                skipped.add(new ImageFolder.Skipped(f, e.reason()));
            }
        }
        if (as.isEmpty()) throw new IOException("no usable pairs in " + dirA + " and " + dirB + report(skipped));
        return loaded(as, bs, side, channels, List.copyOf(skipped), "pairs from " + dirA + " → " + dirB);
    }

    /** The detector score a face needs to count in a couple photo (face-api's default minConfidence). */
    public static final double COUPLE_MIN_SCORE = 0.5;
    /** The surer detector (SSD) and the landmarks the alignment needs; no descriptors or attributes. */
    private static final FaceAnalyser.Options COUPLE_FACES = new FaceAnalyser.Options(true, false, false, false, true);

    /**
     * Couple photos: each photo in {@code dir} with exactly two faces the detector is sure of (score ≥ {@link #COUPLE_MIN_SCORE})
     * gives the pair left face → right face (by box centre); with {@code bothDirections} also right → left. Each face is
     * aligned as the booth aligns one (dlib's template: eyes and mouth on fixed points), as a colour square at the load
     * size. Photos with another number of faces, and files that cannot be read, are listed in {@link #skipped()}.
     */
    public static Pairs couples(Path dir, int side, FacePipeline faces, boolean bothDirections) throws IOException {
        ImageFolder.Listing list = ImageFolder.list(dir);
        List<ImageFolder.Skipped> skipped = new ArrayList<>(list.skipped());
        List<float[]> as = new ArrayList<>(), bs = new ArrayList<>();
        FaceAligner aligner = new FaceAligner(load(side), FaceAligner.DLIB);
        for (Path f : list.files()) {
            try {
                List<BufferedImage> two = couple(f, faces, aligner);
                float[] left = Images.toChw(two.get(0), 3), right = Images.toChw(two.get(1), 3);
                as.add(left);
                bs.add(right);
                if (bothDirections) {
                    as.add(right);
                    bs.add(left);
                }
            } catch (ImageReading.Unusable e) {
                skipped.add(new ImageFolder.Skipped(f, e.reason()));
            }
        }
        if (as.isEmpty()) throw new IOException("no photos with two faces in " + dir + report(skipped));
        return loaded(as, bs, side, 3, List.copyOf(skipped), "couples (" + (bothDirections ? "both directions" : "left → right")
                + ") from " + dir);
    }

    /** The photo's two aligned faces, left then right, or why the photo is no couple. */
    private static List<BufferedImage> couple(Path f, FacePipeline faces, FaceAligner aligner) throws ImageReading.Unusable {
        BufferedImage img;
        try {
            img = ImageReading.readListed(f);
        } catch (ImageReading.Unusable e) {
            if (ImageReading.VANISHED.equals(e.reason())) throw e; // not unreadable: gone
            throw new ImageReading.Unusable(f, "unreadable: " + e.reason());
        }
        List<FacePipeline.Face> sure = new ArrayList<>();
        try {
            for (FacePipeline.Face face : faces.faces(img, COUPLE_FACES)) if (face.report().score() >= COUPLE_MIN_SCORE) sure.add(face);
        } catch (RuntimeException e) {
            throw new ImageReading.Unusable(f, "the face networks failed on it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        int n = sure.size();
        if (n < 2) throw new ImageReading.Unusable(f, n + (n == 1 ? " face" : " faces") + " found (needs 2)");
        if (n > 2) throw new ImageReading.Unusable(f, n + " faces found: ambiguous couple");
        sure.sort(Comparator.comparingDouble(face -> centreX(face.report().box())));
        return List.of(FacePipeline.aligned(img, sure.get(0), aligner), FacePipeline.aligned(img, sure.get(1), aligner));
    }

    private static double centreX(FaceBox b) {
        return b.x() + b.width() / 2;
    }

    /** The file in {@code dir} with the same name, or the same name before the extension. */
    private static Path partner(Path dir, String name) throws IOException {
        Path same = dir.resolve(name);
        if (Files.isRegularFile(same)) return same;
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        for (Path p : ImageFolder.list(dir).files()) {
            String n = p.getFileName().toString();
            if (n.contains(".") && n.substring(0, n.lastIndexOf('.')).equals(stem)) return p;
        }
        return null;
    }

    private static String report(List<ImageFolder.Skipped> skipped) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, skipped.size()); i++) {
            sb.append("\n  ").append(skipped.get(i).file().getFileName()).append(": ").append(skipped.get(i).reason());
        }
        if (skipped.size() > 5) sb.append("\n  ... and ").append(skipped.size() - 5).append(" more");
        return sb.toString();
    }

    /** Squares the picture by stretching (pairs must stay aligned pixel for pixel) at the load size, bilinear. */
    static BufferedImage resize(BufferedImage img, int l) {
        BufferedImage out = new BufferedImage(l, l, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, l, l, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
