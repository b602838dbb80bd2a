package dev.latentstudio.engine.data;

import dev.latentstudio.engine.image.ImageFolder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A folder of the user's pictures as GAN training data, loaded (centre-cropped, resized) by {@link ImageFolder}. */
public final class FolderImages implements TrainingData {
    private final Path dir;
    private final ImageFolder.Result loaded;
    private final int[] labels;
    private final List<String> classNames;

    private FolderImages(Path dir, ImageFolder.Result loaded, int[] labels, List<String> classNames) {
        this.dir = dir;
        this.loaded = loaded;
        this.labels = labels;
        this.classNames = classNames;
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
        return new FolderImages(dir, r, null, null);
    }

    /**
     * A folder of class sub-folders (dir/cat/…, dir/dog/…), each sub-folder's pictures one class named after it,
     * for a class-conditional GAN. Files beside the sub-folders, hidden folders and linked folders are listed as
     * skipped; a sub-folder without usable pictures is no class (listed too). Needs at least two classes.
     */
    public static FolderImages loadByClass(Path dir, int side, int channels, int minImages) throws IOException {
        ImageFolder.Listing top = ImageFolder.list(dir);
        List<ImageFolder.Skipped> skipped = new ArrayList<>();
        for (Path f : top.files()) skipped.add(new ImageFolder.Skipped(f, "not in a class sub-folder"));
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ImageFolder.Skipped e : top.skipped()) {
            Path sub = e.file();
            boolean classFolder = Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS) && !sub.getFileName().toString().startsWith(".");
            if (!classFolder) {
                skipped.add(e.reason().startsWith("sub-folder") ? new ImageFolder.Skipped(sub, "linked or hidden folder, not a class") : e);
                continue;
            }
            try {
                ImageFolder.Result r = ImageFolder.load(sub, side, channels);
                for (ImageFolder.Skipped s : r.skipped()) skipped.add(new ImageFolder.Skipped(sub.getFileName().resolve(s.file().getFileName()), s.reason()));
                for (float[] img : r.images()) {
                    images.add(img);
                    labels.add(names.size());
                }
                names.add(sub.getFileName().toString());
            } catch (IOException ex) {
                skipped.add(new ImageFolder.Skipped(sub, "no class: " + ex.getMessage().lines().findFirst().orElse("")));
            }
        }
        ImageFolder.Result all = new ImageFolder.Result(List.copyOf(images), List.copyOf(skipped), side, channels);
        if (names.size() < 2) {
            throw new IOException("a class-conditional GAN needs at least two class sub-folders with pictures in " + dir
                    + " (found " + names.size() + (names.isEmpty() ? "" : ": " + names) + ")\n" + all.report());
        }
        if (images.size() < minImages) {
            throw new IOException("too few usable images in " + dir + ": " + images.size() + ", need at least " + minImages
                    + " (one batch)\n" + all.report());
        }
        return new FolderImages(dir, all, labels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(names));
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public List<String> classNames() {
        return classNames;
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
        return "image folder " + dir.toAbsolutePath().normalize() + ": " + size() + " images"
                + (classNames == null ? "" : " in " + classNames.size() + " classes " + classNames) + " ("
                + loaded.skipped().size() + " files skipped), centre-cropped to " + side() + "×" + side()
                + (channels() == 3 ? " RGB" : " grey");
    }
}
