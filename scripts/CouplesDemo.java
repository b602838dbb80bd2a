import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceDescriber;
import dev.latentstudio.engine.face.FacePipeline;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.FaceTensors;
import dev.latentstudio.engine.image.ImageReading;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.Pix2PixModel;
import dev.latentstudio.engine.pix2pix.Pix2PixQuality;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The couples demo of docs/pix2pix-couples.md, run by scripts/couples-demo.sh on the built jar (java's single-file launcher).
 * compose ASSETS OUT HELD_PHOTO: the bundled samples are group photos, so each pair of neighbouring faces (left to right)
 * becomes one synthetic couple photo: the two faces' surroundings cut out and put side by side; the couples from
 * HELD_PHOTO go to OUT/held, the rest to OUT/train.
 * measure MODEL TRAIN HELD: held-out L1, SSIM and the recogniser's distance from the generated face to the true partner,
 * against drawing the mean training face (and against copying the input face).
 */
public class CouplesDemo {
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("compose")) compose(Path.of(args[1]), Path.of(args[2]), args[3]);
        else if (args.length == 5 && args[0].equals("measure")) measure(args[1], Path.of(args[2]), Path.of(args[3]), args[4]);
        else throw new IllegalArgumentException("compose ASSETS OUT HELD_PHOTO | measure MODEL TRAIN HELD SHEET.png");
    }

    static FacePipeline faces() throws Exception {
        return FacePipeline.load(Path.of("models/face-api"), FacePipeline.Speed.ACCURATE);
    }

    static void compose(Path assets, Path out, String held) throws Exception {
        FacePipeline faces = faces();
        List<Path> photos;
        try (var s = Files.list(assets)) {
            photos = s.filter(p -> p.getFileName().toString().matches("sample\\d+\\.jpg")).sorted().toList();
        }
        for (Path photo : photos) {
            BufferedImage img = ImageReading.read(photo);
            List<FaceBox> boxes = new ArrayList<>();
            for (FacePipeline.Face f : faces.faces(img, new FaceAnalyser.Options(false, false, false, false, true))) boxes.add(f.report().box());
            boxes.sort(Comparator.comparingDouble(b -> b.x() + b.width() / 2));
            String stem = photo.getFileName().toString().replace(".jpg", "");
            Path dir = Files.createDirectories(out.resolve(stem.equals(held) ? "held" : "train"));
            for (int i = 0; i + 1 < boxes.size(); i++) {
                BufferedImage left = surroundings(img, boxes.get(i)), right = surroundings(img, boxes.get(i + 1));
                BufferedImage couple = new BufferedImage(2 * TILE, TILE, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = couple.createGraphics();
                g.drawImage(left, 0, 0, null);
                g.drawImage(right, TILE, 0, null);
                g.dispose();
                Images.writePng(couple, dir.resolve(stem + "-faces" + (i + 1) + "-" + (i + 2) + ".png"));
            }
            System.out.println(photo.getFileName() + ": " + boxes.size() + " faces, " + Math.max(0, boxes.size() - 1) + " couples");
        }
    }

    static final int TILE = 400;

    /** A square 1.6× the box's longer side about its centre (black outside the photo), scaled to TILE. */
    static BufferedImage surroundings(BufferedImage img, FaceBox b) {
        double s = 1.6 * Math.max(b.width(), b.height()), cx = b.x() + b.width() / 2, cy = b.y() + b.height() / 2;
        BufferedImage t = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = t.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, TILE, TILE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int x0 = (int) Math.round(cx - s / 2), y0 = (int) Math.round(cy - s / 2), si = (int) Math.round(s);
        g.drawImage(img, 0, 0, TILE, TILE, x0, y0, x0 + si, y0 + si, null);
        g.dispose();
        return t;
    }

    static void measure(String model, Path trainDir, Path heldDir, String sheet) throws Exception {
        FacePipeline faces = faces();
        Pix2PixModel m = Pix2PixModel.load(model);
        int side = m.spec().side();
        Pairs train = Pairs.couples(trainDir, side, faces, true), held = Pairs.couples(heldDir, side, faces, true);
        for (Pairs p : List.of(train, held)) {
            System.out.println(p.describe());
            p.skipped().forEach(s -> System.out.println("  skipped " + s.file().getFileName() + ": " + s.reason()));
        }
        INDArray trainB = train.centred(range(train.size()))[1];
        INDArray mean = trainB.mean(true, 0); // [1, 3, side, side]
        INDArray[] ab = held.centred(range(held.size()));
        int n = (int) ab[1].size(0);
        INDArray generated = m.translate(ab[0]), means = mean.repeat(0, n);
        Map<String, INDArray> predictors = new LinkedHashMap<>();
        predictors.put("pix2pix G(A)", generated);
        predictors.put("mean training face", means);
        predictors.put("copy of A", ab[0]);
        FaceRecognitionNet net = faces.recognition();
        List<float[]> truth = descriptors(net, ab[1]);
        System.out.println("held-out pairs: " + n + " (recogniser distance: Euclidean, same person below ~0.6)");
        for (var e : predictors.entrySet()) {
            List<float[]> d = descriptors(net, e.getValue());
            double sum = 0;
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double dist = FaceDescriber.distance(d.get(i), truth.get(i));
                sum += dist;
                each.append(String.format(" %.3f", dist));
            }
            System.out.printf("%-20s %s  distance to true partner: mean %.3f (each:%s)%n", e.getKey(),
                    Pix2PixQuality.l1AndSsim(e.getValue(), ab[1]), sum / n, each);
        }
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (INDArray x : List.of(ab[0], generated, means, ab[1])) tiles.add(picture(x, i));
        }
        Images.writePng(Images.grid(tiles, 4, 2, 2), Path.of(sheet));
        System.out.println("wrote " + sheet + " (rows: held-out pairs; columns: A | G(A) | mean face | true B)");
    }

    static int[] range(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    static BufferedImage picture(INDArray batch, int i) {
        INDArray x = batch.get(NDArrayIndex.point(i)).dup();
        int s = (int) x.size(1);
        return Images.toImage(x.data().asFloat(), 3, s, s);
    }

    /** What the recogniser makes of each picture of the batch, resized to its 150×150 input. */
    static List<float[]> descriptors(FaceRecognitionNet net, INDArray batch) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < batch.size(0); i++) {
            BufferedImage p = picture(batch, i);
            out.add(net.descriptor(FaceTensors.netInput(p, new FaceBox(0, 0, p.getWidth(), p.getHeight()), FaceRecognitionNet.SIZE)));
        }
        return out;
    }
}
