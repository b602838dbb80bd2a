package dev.latentstudio.engine.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latentstudio.engine.StudioPaths;
import dev.latentstudio.engine.image.ImageReading;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.VideoWriter;

class FrameSourcesTest {
    private static final int FRAMES = 8;

    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        OpenCv.load();
    }

    /** An MJPEG .avi whose frame i is flat grey at level(i), so order and content can be checked. */
    private Path clip() {
        Path avi = dir.resolve("clip.avi");
        VideoWriter w = new VideoWriter(avi.toString(), VideoWriter.fourcc('M', 'J', 'P', 'G'), 10, new Size(64, 48), true);
        assertTrue(w.isOpened(), "OpenCV's MJPEG writer should open");
        for (int i = 0; i < FRAMES; i++) {
            Mat m = new Mat(48, 64, CvType.CV_8UC3, new Scalar(level(i), level(i), level(i)));
            w.write(m);
            m.release();
        }
        w.release();
        return avi;
    }

    private static int level(int i) {
        return 20 + 25 * i;
    }

    private static double meanGrey(BufferedImage img) {
        long sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                sum += (rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF);
            }
        }
        return sum / (3.0 * img.getWidth() * img.getHeight());
    }

    @Test
    void videoPlaysItsFramesInOrderThenEnds() throws IOException {
        try (VideoFileSource src = VideoFileSource.open(clip(), false)) {
            assertTrue(src.description().contains("MJPG"), src.description());
            assertTrue(src.description().contains("64x48"), src.description());
            for (int i = 0; i < FRAMES; i++) {
                Frame f = src.next().orElseThrow(() -> new AssertionError("missing frame"));
                assertEquals(i, f.index());
                assertEquals(64, f.width());
                assertEquals(48, f.height());
                assertEquals(level(i), meanGrey(f.image()), 4.0, "frame " + i);
            }
            assertTrue(src.next().isEmpty());
            assertEquals(FrameSource.State.ENDED, src.status().state());
            assertTrue(src.status().message().contains("after " + FRAMES + " frames"), src.status().message());
        }
    }

    @Test
    void loopingVideoStartsAgain() throws IOException {
        try (VideoFileSource src = VideoFileSource.open(clip(), true)) {
            List<Double> greys = new ArrayList<>();
            for (int i = 0; i < FRAMES + 3; i++) greys.add(meanGrey(src.next().orElseThrow().image()));
            assertEquals(level(0), greys.get(FRAMES), 4.0);
            assertEquals(level(2), greys.get(FRAMES + 2), 4.0);
            assertTrue(src.status().ready());
        }
    }

    @Test
    void unsupportedOrBrokenVideoNamesTheFormatLimit() throws IOException {
        byte[] noise = new byte[20_000];
        new Random(1).nextBytes(noise);
        Path mp4 = Files.write(dir.resolve("holiday.mp4"), noise);
        IOException e = assertThrows(IOException.class, () -> VideoFileSource.open(mp4, false));
        assertTrue(e.getMessage().contains("holiday.mp4") && e.getMessage().contains("Motion-JPEG"), e.getMessage());

        Path empty = Files.write(dir.resolve("empty.avi"), new byte[0]);
        assertTrue(assertThrows(IOException.class, () -> VideoFileSource.open(empty, false)).getMessage().contains("empty"));
        Path missing = dir.resolve("nope.avi");
        assertTrue(assertThrows(IOException.class, () -> VideoFileSource.open(missing, false)).getMessage().contains("does not exist"));
    }

    @Test
    void missingCameraIsAStateWithAMessage() {
        try (CameraSource cam = CameraSource.open(99)) {
            assertEquals(FrameSource.State.UNAVAILABLE, cam.status().state());
            assertTrue(cam.status().message().contains("no camera at index 99"), cam.status().message());
            assertTrue(cam.status().message().contains("video file"), cam.status().message());
            assertTrue(cam.next().isEmpty());
            assertEquals(FrameSource.State.UNAVAILABLE, cam.status().state());
        }
        assertThrows(IllegalArgumentException.class, () -> CameraSource.open(-1));
    }

    @Test
    void cameraThatStopsDeliveringIsReported() {
        // a capture that runs dry after FRAMES frames stands in for a camera unplugged mid-stream
        VideoCapture capture = new VideoCapture(clip().toString());
        try (CameraSource cam = CameraSource.over("camera 0", capture, System::nanoTime)) {
            int n = 0;
            while (cam.next().isPresent()) n++;
            assertEquals(FRAMES, n);
            assertEquals(FrameSource.State.FAILED, cam.status().state());
            assertTrue(cam.status().message().contains("stopped delivering frames after " + FRAMES), cam.status().message());
            assertTrue(cam.next().isEmpty());
        }
    }

    @Test
    void cameraSilentForSecondsIsGivenUpBeforeFiveFailedReads() {
        long[] now = {0};
        // each call of the clock is two seconds later: a read that blocked, as on a vanished V4L device
        VideoCapture capture = new VideoCapture(clip().toString());
        try (CameraSource cam = CameraSource.over("camera 1", capture, () -> now[0] += 2_000_000_000L)) {
            int n = 0;
            while (cam.next().isPresent()) n++;
            assertEquals(FRAMES, n);
            String msg = cam.status().message();
            assertEquals(FrameSource.State.FAILED, cam.status().state());
            assertTrue(msg.contains("2 failed reads") && msg.contains("no frame for 4000 ms"), msg);
        }
    }

    @Test
    void sampleFacesFolderShowsEveryPhotoAndSaysWhatItSkipped() throws IOException {
        Path faces = StudioPaths.assets().resolve("faces");
        try (ImageFolderSource src = ImageFolderSource.open(faces, false)) {
            List<String> shown = new ArrayList<>();
            Optional<Frame> f;
            while ((f = src.next()).isPresent()) {
                shown.add(f.get().origin());
                assertEquals(1920, f.get().width());
            }
            assertEquals(List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"), shown);
            List<String> skipped = src.skipped().stream().map(s -> s.file().getFileName().toString()).toList();
            assertEquals(List.of("LICENSE-face-api", "SOURCE.md"), skipped);
            assertTrue(src.skipped().get(0).reason().contains("not an image"), src.skipped().get(0).reason());
            assertEquals(FrameSource.State.ENDED, src.status().state());
            assertTrue(src.status().message().contains("6 images shown"), src.status().message());
        }
    }

    @Test
    void loopingFolderStartsAgainAndSkipsBadFilesOnce() throws IOException {
        Files.writeString(dir.resolve("a.png"), "not a picture");
        javax.imageio.ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("b.png").toFile());
        try (ImageFolderSource src = ImageFolderSource.open(dir, true)) {
            for (int i = 0; i < 3; i++) assertEquals("b.png", src.next().orElseThrow().origin());
            assertEquals(1, src.skipped().size());
        }
    }

    @Test
    void folderSourceListsTheEntriesItPassesOverFromTheStart() throws IOException {
        javax.imageio.ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("b.png").toFile());
        Files.createDirectory(dir.resolve("more"));
        Files.writeString(dir.resolve(".DS_Store"), "x");
        try (ImageFolderSource src = ImageFolderSource.open(dir, false)) {
            assertEquals(List.of(".DS_Store: hidden file", "more: sub-folder, not looked into"),
                    src.skipped().stream().map(s -> s.file().getFileName() + ": " + s.reason()).toList());
            assertEquals("b.png", src.next().orElseThrow().origin());
        }
        Files.delete(dir.resolve("b.png"));
        IOException e = assertThrows(IOException.class, () -> ImageFolderSource.open(dir, false));
        assertTrue(e.getMessage().contains("more (sub-folder, not looked into)"), e.getMessage());
    }

    @Test
    void folderWithoutUsableImagesFailsWithTheReasons() throws IOException {
        Files.writeString(dir.resolve("notes.jpg"), "text");
        Files.write(dir.resolve("empty.png"), new byte[0]);
        try (ImageFolderSource src = ImageFolderSource.open(dir, true)) {
            assertTrue(src.next().isEmpty());
            assertEquals(FrameSource.State.FAILED, src.status().state());
            String msg = src.status().message();
            assertTrue(msg.contains("no usable images") && msg.contains("empty.png (empty file") && msg.contains("notes.jpg"), msg);
        }
        assertThrows(IOException.class, () -> ImageFolderSource.open(dir.resolve("missing"), false));
    }

    @Test
    void specsPickTheRightSource() throws IOException {
        Path avi = clip();
        try (FrameSource s = FrameSources.open(avi.toString(), false)) {
            assertTrue(s instanceof VideoFileSource);
        }
        try (FrameSource s = FrameSources.open(StudioPaths.assets().resolve("faces").toString(), false)) {
            assertTrue(s instanceof ImageFolderSource);
        }
        try (FrameSource s = FrameSources.open("camera:98", false)) {
            assertFalse(s.status().ready());
        }
        assertThrows(IllegalArgumentException.class, () -> FrameSources.open("camera:front", false));
        assertThrows(IOException.class, () -> FrameSources.open(dir.resolve("nothing-here").toString(), false));
    }

    @Test
    void imageFolderReadKeepsAnySizeButStillRejectsJunk() throws Exception {
        Path wide = dir.resolve("banner.png");
        javax.imageio.ImageIO.write(new BufferedImage(400, 10, BufferedImage.TYPE_INT_RGB), "png", wide.toFile());
        assertEquals(400, ImageReading.read(wide).getWidth());
        Path text = Files.writeString(dir.resolve("x.jpg"), "hello");
        assertThrows(ImageReading.Unusable.class, () -> ImageReading.read(text));
    }
}
