package dev.latentstudio.engine.gan;

import dev.latentstudio.engine.data.FolderImages;
import dev.latentstudio.engine.data.MnistData;
import dev.latentstudio.engine.data.TestFolders;
import dev.latentstudio.engine.job.CancelledException;
import dev.latentstudio.engine.job.JobControl;
import dev.latentstudio.engine.job.Progress;
import dev.latentstudio.engine.model.ModelCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 64×64 colour DCGAN trained on a folder of pictures, at a tiny width so each run takes seconds. */
class DcganTrainer64Test {
    static final Dcgan.Architecture TINY = Dcgan.Architecture.colour64(4);
    @TempDir
    static Path shared;
    static FolderImages pictures;

    @BeforeAll
    static void load() throws IOException {
        pictures = FolderImages.load(TestFolders.pictures(shared.resolve("pictures"), 6), 64, 3, 4);
    }

    private static DcganTrainer.Config cfg(Path out, long steps, boolean resume) {
        return new DcganTrainer.Config(out, steps, 4, Dcgan.LR, 3, 2, 3, resume, steps); // batch 4: epochs of 1.5 batches
    }

    private static boolean coloured(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if ((p >> 16 & 0xFF) != (p & 0xFF) || (p >> 8 & 0xFF) != (p & 0xFF)) return true;
            }
        }
        return false;
    }

    @Test
    void aFolderRunProducesAModelThatSamplesColourImages(@TempDir Path tmp) throws Exception {
        List<Progress> events = new ArrayList<>();
        Path out = new DcganTrainer(cfg(tmp, 3, false), TINY, pictures).run(new JobControl().onProgress(events::add));

        BufferedImage preview = events.get(events.size() - 1).preview();
        assertNotNull(preview);
        assertEquals(8 * 64 + 7, preview.getWidth(), "8 tiles of 64 px, 1 px gaps");
        assertTrue(coloured(preview), "the preview grid is in colour");

        ModelCard card = ModelCard.read(out);
        assertEquals("dcgan-64", card.architecture());
        assertEquals(4, card.baseWidth());
        assertEquals(100, card.latentDim());
        assertEquals(3, card.channels());
        assertEquals(64, card.height());
        assertEquals(64, card.width());
        assertTrue(card.data().contains("6 images") && card.command().contains("--data ") && card.command().contains("--width 4"),
                card.data() + " / " + card.command());

        GeneratorModel g = GeneratorModel.load(out.toString());
        assertEquals(100, g.latentDim());
        List<BufferedImage> imgs = g.images(List.of(new float[100], Noise.z(1, 0, 1, 100).toFloatVector()));
        assertEquals(2, imgs.size());
        assertEquals(64, imgs.get(1).getWidth());
        assertEquals(64, imgs.get(1).getHeight());
        assertTrue(coloured(imgs.get(1)), "an RGB sample");
        assertEquals(64 * 64, g.argb(new float[100]).length);
    }

    @Test
    void aResumedRunKeepsItsArchitectureAndEndsWhereAnUninterruptedOneDoes(@TempDir Path tmp) throws Exception {
        DcganTrainer straight = new DcganTrainer(cfg(tmp.resolve("a"), 4, false), TINY, pictures);
        straight.run(new JobControl());

        Path b = tmp.resolve("b");
        JobControl control = new JobControl();
        control.onProgress(p -> {
            if (p.step() >= 2) control.cancel();
        });
        assertThrows(CancelledException.class, () -> new DcganTrainer(cfg(b, 4, false), TINY, pictures).run(control));
        assertEquals(TINY, Checkpoint.read(b).state().architecture());

        // asked for another width, the resumed run still trains the checkpoint's networks
        DcganTrainer resumed = new DcganTrainer(cfg(b, 4, true), Dcgan.Architecture.colour64(8), pictures);
        resumed.run(new JobControl());
        assertEquals(TINY, resumed.architecture());
        assertEquals(4, resumed.session().gUpdates());
        double dg = straight.session().generator().params().sub(resumed.session().generator().params()).amaxNumber().doubleValue();
        double dd = straight.session().discriminator().params().sub(resumed.session().discriminator().params()).amaxNumber().doubleValue();
        assertTrue(dg < 1e-4 && dd < 1e-4, "params differ: G " + dg + ", D " + dd);
        assertEquals(4, ModelCard.read(b).baseWidth());
    }

    @Test
    void dataOfTheWrongShapeIsRefused(@TempDir Path tmp) throws Exception {
        IOException digits = assertThrows(IOException.class,
                () -> new DcganTrainer(cfg(tmp.resolve("a"), 2, false), TINY, MnistData.train()).run(new JobControl()));
        assertTrue(digits.getMessage().contains("3×64×64") && digits.getMessage().contains("1×28×28"), digits.getMessage());

        // a folder run resumed without its folder (the CLI without --data)
        Path b = tmp.resolve("b");
        new DcganTrainer(cfg(b, 2, false), TINY, pictures).run(new JobControl());
        IOException resume = assertThrows(IOException.class,
                () -> new DcganTrainer(cfg(b, 4, true), MnistData.train()).run(new JobControl()));
        assertTrue(resume.getMessage().contains("the run in " + b + " trains dcgan-64") && resume.getMessage().contains("--data"),
                resume.getMessage());
    }

    @Test
    void checkpointsFromBeforeTheArchitectureFieldAreMnistRuns() {
        Checkpoint.State old = ModelCard.gson().fromJson(
                "{\"step\":3,\"seed\":1,\"batch\":32,\"learningRate\":2e-4,\"dUpdates\":3,\"gUpdates\":3,\"elapsedSeconds\":1.5}",
                Checkpoint.State.class);
        assertEquals(Dcgan.Architecture.MNIST, old.architecture());
        assertEquals(3, old.step());
    }
}
