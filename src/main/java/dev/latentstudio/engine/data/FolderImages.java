package dev.latentstudio.engine.data;

import dev.latentstudio.engine.image.ImageFolder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A folder of the user's pictures as GAN training data, loaded (centre-cropped, resized) by {@link ImageFolder}. */
public final class FolderImages implements TrainingData {
    private final Path dir;
    private final ImageFolder.Result loaded;

    private FolderImages(Path dir, ImageFolder.Result loaded) {
        this.dir = dir;
        this.loaded = loaded;
    }

    /**
     * Loads every usable picture in {@code dir} as channels×side×side. Refuses a folder with fewer usable
     * pictures than {@code minImages} (the trainer passes its batch size): a batch would repeat pictures,
     * and D learns a handful of images by heart at once, so such a run only wastes the user's time.
     *
     * @throws IOException naming the folder, with the loader's report of what was skipped and why
     */
    public static FolderImages load(Path dir, int side, int channels, int minImages) throws IOException {
        ImageFolder.Result r = ImageFolder.load(dir, side, channels);  // throws itself when nothing at all is usable
        if (r.images().size() < minImages) {
            throw new IOException("too few usable images in " + dir + ": " + r.images().size() + ", need at least "
                    + minImages + " (one batch)\n" + r.report());
        }
        return new FolderImages(dir, r);
    }

    public Path dir() {
        return dir;
    }

    /** What was loaded and what was skipped and why, one line per skipped file. */
    public String report() {
        return loaded.report();
    }

    @Override
    public int size() {
        return loaded.images().size();
    }

    @Override
    public int channels() {
        return loaded.channels();
    }

    @Override
    public int side() {
        return loaded.size();
    }

    @Override
    public INDArray batch(int[] idx) {
        List<float[]> images = loaded.images();
        int per = channels() * side() * side();
        float[] buf = new float[idx.length * per];
        for (int k = 0; k < idx.length; k++) System.arraycopy(images.get(idx[k]), 0, buf, k * per, per);
        return Nd4j.create(buf, new long[]{idx.length, channels(), side(), side()}, 'c');
    }

    @Override
    public String describe() {
        return "image folder " + dir.toAbsolutePath().normalize() + ": " + size() + " images ("
                + loaded.skipped().size() + " files skipped), centre-cropped to " + side() + "×" + side()
                + (channels() == 3 ? " RGB" : " grey");
    }
}
