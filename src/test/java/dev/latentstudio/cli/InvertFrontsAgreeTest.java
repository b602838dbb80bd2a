package dev.latentstudio.cli;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.app.inversion.InversionViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ./studio invert and the Inversion Lab go through one façade: the same settings give the same picture and figure. */
class InvertFrontsAgreeTest {

    @Test
    void theCommandAndTheScreenDrawTheSameClassVisualisation(@TempDir Path tmp) throws Exception {
        String out = CliTest.run(0, "invert", "class", "7", "--steps", "12", "--scale", "1", "-o", tmp.resolve("seven").toString());
        double p = InvertCommandTest.jsonLines(out).get(0).get("probability").getAsDouble();
        BufferedImage png = ImageIO.read(tmp.resolve("seven.png").toFile());

        FxQueue fx = new FxQueue();
        JobRunner jobs = new JobRunner(fx);
        try {
            InversionViewModel vm = new InversionViewModel(jobs);
            vm.digitProperty().set(7);
            vm.stepsProperty().set(12);
            vm.start();
            fx.pumpUntil(() -> vm.getState() != InversionViewModel.State.RUNNING, 120);
            assertEquals(InversionViewModel.State.DONE, vm.getState(), vm.errorProperty().get());
            InversionViewModel.Result r = vm.galleryProperty().get(0);
            assertEquals(p, r.score(), 0.0, "the classifier's probability of a 7, in both");
            int[] argb = r.picture().argb();
            assertEquals(png.getWidth(), r.picture().width());
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < png.getWidth(); x++) {
                    assertEquals(png.getRGB(x, y) & 0xffffff, argb[y * png.getWidth() + x] & 0xffffff, "pixel " + x + "," + y);
                }
            }
        } finally {
            jobs.close();
        }
    }
}
