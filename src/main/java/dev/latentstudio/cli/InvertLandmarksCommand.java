package dev.latentstudio.cli;

import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.invert.Goal;
import dev.latentstudio.engine.invert.Inversion;
import dev.latentstudio.engine.invert.InversionNet;
import dev.latentstudio.engine.faceedit.LandmarkHold;
import dev.latentstudio.engine.invert.InversionOptions;
import dev.latentstudio.engine.invert.LandmarkEdit;
import dev.latentstudio.engine.invert.LandmarkMoves;
import dev.latentstudio.engine.invert.LandmarkNet;
import dev.latentstudio.engine.invert.Start;
import dev.latentstudio.engine.invert.Technique;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "landmarks", mixinStandardHelpOptions = true, description = "Move a face's landmarks by running face-api's "
        + "68-point landmark net backwards on the largest face of a photo: the face changes until the net's points sit on "
        + "their targets, while --keep holds the rest of the picture. 60 steps, 2 px of jitter (the targets follow it) and Adam's rate 0.003 unless the knobs say otherwise. Writes OUT.png "
        + "(the photo with the edit pasted in) and OUT-view.png (the face before | after; targets red, the net's points "
        + "white before and green after) and prints one JSON line with the distances in photo pixels: on the result as the "
        + "net sees it, and held out (JPEG quality 75 and a 10%% rescale, re-detected and re-landmarked as the booth does).")
final class InvertLandmarksCommand implements Callable<Integer> {
    @Mixin
    FaceInvertOptions knobs;

    @Parameters(paramLabel = "IMG", description = "A photo; its largest face is edited.")
    Path image;

    @Option(names = "--move", required = true, paramLabel = "MOVE", description = "NAME=PX with NAME one of mouth_open, brows_up, "
            + "eyes_wide, smile (photo pixels), or K=dx,dy to move landmark K (0..67), K=dx,dy,mirror to move its mirror partner "
            + "too (dx reflected), K=dx,dy,group to move its whole feature group rigidly (jaw 0-16, right_brow 17-21, left_brow "
            + "22-26, nose 27-35, right_eye 36-41, left_eye 42-47, outer_mouth 48-59, inner_mouth 60-67; with ,mirror the "
            + "other side's group too); repeat to combine.")
    List<String> moves;

    @Option(names = "--keep", converter = Ranges.NonNegativeReal.class, description = "Weight of the pull back to the original "
            + "pixels (default: 0.05).")
    Double keep;

    @Option(names = "--identity", converter = Ranges.NonNegativeReal.class, description = "Weight of the recogniser's descriptor "
            + "distance² to the original face (the face edit's identity term; 0: off; default: ${DEFAULT-VALUE}).")
    double identity = LandmarkHold.IDENTITY;

    @Option(names = "--others", converter = Ranges.NonNegativeReal.class, description = "Weight that holds the landmarks not "
            + "moved at their original places (the moved ones weigh 1; 0: off, they drift with the moved ones; default: ${DEFAULT-VALUE}).")
    double others = LandmarkEdit.OTHERS;

    @Option(names = "--appearance", converter = Ranges.NonNegativeReal.class, description = "Weight of the recogniser's shallow "
            + "layer toward the original's (the face edit's appearance term; 0: off; default: ${DEFAULT-VALUE}).")
    double appearance = LandmarkHold.APPEARANCE;

    @Override
    public Integer call() throws Exception {
        if (knobs.l2 != null) throw new IllegalArgumentException("the landmark move has no L2 decay; --keep weighs the pull to the original");
        LandmarkNet net = new LandmarkNet();
        double[] d = LandmarkMoves.none();
        for (String m : moves) d = LandmarkMoves.plus(d, m);
        InversionOptions o = knobs.options(net.defaults(Technique.LANDMARKS));
        if (keep != null) o = o.withKnobs(o.steps(), o.seed(), keep, o.tv(), o.jitter(), o.blurEvery(), o.lr());
        BufferedImage photo = FaceCli.read(image);
        Start face = net.face(photo).orElseThrow(() -> new IllegalArgumentException(image + ": no face found"));
        Goal goal = LandmarkNet.move(face, d);
        LandmarkHold.load().applyTo(net, identity, appearance, others); // as the Inversion Lab's landmark moves
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("image", image.toString());
        line.put("moves", moves);
        line.put("face_side_px", net.cut(face).side());
        line.put("start", errors(net.before(Technique.LANDMARKS, goal, o).figures()));
        InversionOptions run = o;
        InversionNet.Outcome done = ConsoleJob.run(System.err, k -> net.invert(Technique.LANDMARKS, goal, run, k));
        Inversion.Result r = done.result();
        BufferedImage edited = net.edited(goal, r);
        Path png = knobs.png(""), view = knobs.png("-view");
        Images.writePng(edited, png);
        Images.writePng(view(net.cut(face), edited, LandmarkEdit.targetPixels(net.cut(face), d), net.points(goal, r)), view);
        line.put("result", errors(done.verdict().figures()));
        Optional<LandmarkEdit.Errors> held = net.heldOut(goal, r);
        line.put("held_out", held.map(InvertLandmarksCommand::errors).orElse(null));
        if (held.isEmpty()) System.err.println("the detector lost the face after the JPEG round trip and rescale");
        line.put("others_weight", others);
        line.put("identity_distance", FaceCli.round(done.verdict().figure("identity_distance")));
        line.put("steps", r.steps());
        line.put("ms_per_step", Math.round(r.msPerStep() * 100) / 100.0);
        FaceCli.print(line);
        System.err.println("wrote " + png + " and " + view);
        return 0;
    }

    private static Map<String, Double> errors(Map<String, Double> figures) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : List.of("mean_error", "max_error", "others_mean", "others_max")) m.put(k, FaceCli.round(figures.get(k)));
        return m;
    }

    private static Map<String, Double> errors(LandmarkEdit.Errors e) {
        return errors(Map.of("mean_error", e.mean(), "max_error", e.max(), "others_mean", e.othersMean(), "others_max", e.othersMax()));
    }

    /** The face's region before | after, twice as large below 200 pixels, with the points drawn. */
    private static BufferedImage view(LandmarkEdit.Cut cut, BufferedImage edited, double[] targets, double[] after) {
        int x = (int) cut.region().x(), y = (int) cut.region().y(), w = (int) cut.region().width(), h = (int) cut.region().height();
        int scale = Math.max(w, h) < 200 ? 2 : 1;
        BufferedImage out = new BufferedImage(2 * w * scale + 8, h * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(cut.photo().getSubimage(x, y, w, h), 0, 0, w * scale, h * scale, null);
        g.drawImage(edited.getSubimage(x, y, w, h), w * scale + 8, 0, w * scale, h * scale, null);
        g.setStroke(new BasicStroke(1f));
        dots(g, cut.points(), x, y, scale, 0, Color.WHITE);
        dots(g, after, x, y, scale, w * scale + 8, Color.GREEN);
        dots(g, targets, x, y, scale, 0, Color.RED);
        dots(g, targets, x, y, scale, w * scale + 8, Color.RED);
        g.dispose();
        return out;
    }

    private static void dots(Graphics2D g, double[] xy, int x0, int y0, int scale, int shift, Color c) {
        g.setColor(c);
        for (int k = 0; k < xy.length / 2; k++) {
            double px = (xy[2 * k] - x0) * scale + shift, py = (xy[2 * k + 1] - y0) * scale;
            g.drawOval((int) Math.round(px) - 2, (int) Math.round(py) - 2, 4, 4);
        }
    }
}
