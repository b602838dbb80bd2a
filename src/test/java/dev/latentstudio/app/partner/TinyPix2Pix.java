package dev.latentstudio.app.partner;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.image.Images;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.pix2pix.Pairs;
import dev.latentstudio.engine.pix2pix.Pix2PixNets;
import dev.latentstudio.engine.pix2pix.Pix2PixTrainer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A pix2pix model small enough to train in a test (U-Net 32×32 with 4 filters, 1 → 1 channel) and a picture to give it. */
final class TinyPix2Pix {
    static final Pix2PixNets.Spec SPEC = new Pix2PixNets.Spec(32, 4, 1, 1);
    /**
     * Steps a test trains. G's output is then still close to its initialisation's mid grey (a spread of about ten
     * grey levels, not a picture's contrast), so tests check that it is not a flat fill and that it follows its input.
     */
    static final int STEPS = 2;

    private TinyPix2Pix() {
    }

    /** The first 20 held-out garments and their outlines. */
    static Pairs pairs(int side) throws IOException {
        return Pairs.edgesToGarments(Dataset.FASHION.test().slice(0, 20), side);
    }

    /** Trains {@code steps} steps into {@code out}, which becomes a model folder. */
    static Path train(Path out, long steps) throws Exception {
        return new Pix2PixTrainer(new Pix2PixTrainer.Config(out, steps, 1, Pix2PixNets.LR, Pix2PixTrainer.LAMBDA, 1, 1000, 1,
                false, SPEC, 4, "--data (a test slice)"), pairs(SPEC.side())).run(new JobControl());
    }

    /** A 96×80 picture of a white shirt-like outline on black, written as PNG. */
    static Path outline(Path file) throws IOException {
        BufferedImage img = new BufferedImage(96, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(2));
            g.drawPolygon(new int[]{30, 40, 56, 66, 76, 64, 64, 32, 32, 20}, new int[]{12, 8, 8, 12, 28, 32, 72, 72, 32, 28}, 10);
        } finally {
            g.dispose();
        }
        Images.writePng(img, file);
        return file;
    }
}
