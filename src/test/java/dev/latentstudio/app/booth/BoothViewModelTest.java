package dev.latentstudio.app.booth;

import static org.junit.jupiter.api.Assertions.*;

import dev.latentstudio.app.FxQueue;
import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.face.BoothEngine;
import dev.latentstudio.engine.face.FaceAnalyser;
import dev.latentstudio.engine.face.FaceBox;
import dev.latentstudio.engine.face.FaceRecognitionNet;
import dev.latentstudio.engine.face.FaceReport;
import dev.latentstudio.engine.face.FrameReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The booth loop with a recording analyser standing in for the face networks (their own tests check them):
 * frames from a source reach the screen with what the analyser found, options reach the analyser, Stop is
 * quick, and no camera is a message rather than a failure.
 */
class BoothViewModelTest {
    private final FxQueue fx = new FxQueue();
    private final JobRunner jobs = new JobRunner(fx);
    private final List<FaceAnalyser.Options> asked = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final FaceAnalyser analyser = (frame, o) -> {
        synchronized (asked) {
            asked.add(o);
        }
        FaceBox box = new FaceBox(frame.getWidth() / 4.0, frame.getHeight() / 4.0, frame.getWidth() / 2.0, frame.getHeight() / 2.0);
        return new FrameReport(List.of(new FaceReport(box, 0.9, List.of(), null, null)),
                o.hog() ? new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB) : null, 5);
    };
    private final List<String> enrolled = new ArrayList<>();
    private final List<String> repaired = new ArrayList<>();
    private final BoothEngine engine = new BoothEngine() {
        @Override
        public FrameReport analyse(BufferedImage frame, Options options) {
            return analyser.analyse(frame, options);
        }

        @Override
        public synchronized List<String> people() {
            return List.copyOf(enrolled);
        }

        @Override
        public synchronized String enroll(String name, BufferedImage frame) {
            if (frame.getWidth() < 100) throw new IllegalArgumentException("No face in this frame");
            if (!enrolled.contains(name)) enrolled.add(name);
            return "Enrolled " + name;
        }

        @Override
        public synchronized void remove(String name) {
            enrolled.remove(name);
        }

        @Override
        public List<String> repairs() {
            return List.copyOf(repaired);
        }

        // the portrait has its own test, with the real recogniser
        @Override
        public Optional<dev.latentstudio.engine.face.FacePipeline.Face> largest(BufferedImage frame) {
            throw new UnsupportedOperationException("no recogniser in this test");
        }

        @Override
        public Optional<float[]> descriptor(String person) {
            throw new UnsupportedOperationException("no recogniser in this test");
        }

        @Override
        public FaceRecognitionNet recogniser() {
            throw new UnsupportedOperationException("no recogniser in this test");
        }
    };
    private final BoothViewModel vm = new BoothViewModel(jobs, () -> {
        loads.incrementAndGet();
        return engine;
    }, Path.of("assets/faces"));

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void samplePhotosPlayWithTheirFacesAndStopQuickly() throws Exception {
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        assertEquals("Sample photos", vm.sourceProperty().get().label());
        vm.stillMillisProperty().set(500);
        vm.hogProperty().set(true);
        Set<String> origins = new HashSet<>();
        vm.shownProperty().addListener((o, a, s) -> {
            if (s != null) origins.add(s.origin());
        });
        vm.start();
        assertTrue(vm.runningProperty().get());
        fx.pumpUntil(() -> origins.size() >= 3, 60);
        BoothViewModel.Shown s = vm.shownProperty().get();
        assertEquals(1, s.faces().size());
        assertNotNull(s.hog(), "the HOG picture was asked for");
        assertTrue(s.frame().width() > 100 && s.frame().height() > 100);
        assertTrue(origins.stream().allMatch(n -> n.matches("sample\\d\\.jpg")), origins.toString());
        synchronized (asked) {
            assertTrue(asked.stream().allMatch(o -> o.hog() && o.landmarks() && o.identify() && o.attributes()));
        }
        assertTrue(vm.statusProperty().get().contains("1 face"), vm.statusProperty().get());

        long t0 = System.nanoTime();
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "stopped within a second, mid-hold");
        assertEquals("Stopped.", vm.statusProperty().get());
        assertEquals("", vm.errorProperty().get());

        vm.start(); // the networks load once
        fx.pumpUntil(() -> vm.shownProperty().get() != s, 30);
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
        assertEquals(1, loads.get());
    }

    @Test
    void whatOpeningTheGalleryRepairedIsShown() throws Exception {
        repaired.add("dave: removed the empty folder an enrolment cut short left");
        assertEquals("", vm.repairedProperty().get());
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        vm.start();
        fx.pumpUntil(() -> !vm.repairedProperty().get().isEmpty(), 60);
        assertEquals("Repaired the gallery: dave: removed the empty folder an enrolment cut short left.", vm.repairedProperty().get());
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
    }

    @Test
    void enrollingTakesTheFrameOnScreenAndForgettingDeletes() throws Exception {
        vm.enroll();
        assertTrue(vm.errorProperty().get().contains("Start a source first"), vm.errorProperty().get());
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        vm.start();
        fx.pumpUntil(() -> vm.shownProperty().get() != null, 60);
        vm.enroll();
        assertTrue(vm.errorProperty().get().contains("Type the person's name"), vm.errorProperty().get());
        vm.enrollNameProperty().set("  Ada ");
        vm.enroll();
        fx.pumpUntil(() -> vm.peopleProperty().contains("Ada"), 30);
        assertEquals("", vm.errorProperty().get());
        vm.remove("Ada");
        fx.pumpUntil(() -> vm.peopleProperty().isEmpty(), 30);
        assertTrue(enrolled.isEmpty());
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
    }

    @Test
    void noCameraIsAMessageThatPointsAtTheOtherSources() throws Exception {
        // a camera index no machine has, so the test means the same with or without a webcam
        vm.sourceProperty().set(new BoothViewModel.Source("Camera 97", "camera:97"));
        vm.start();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 30);
        assertTrue(vm.errorProperty().get().contains("Sample photos"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().toLowerCase().contains("camera"), vm.errorProperty().get());
        assertNull(vm.shownProperty().get());
        assertFalse(vm.statusProperty().get().startsWith("Playing"), "the status says it stopped: " + vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().contains("Camera 97"), vm.statusProperty().get());

        assertTrue(vm.offerSamplesProperty().get(), "the sample photos are offered");
        vm.useSamplePhotos();
        assertEquals("Sample photos", vm.sourceProperty().get().label());
        assertFalse(vm.offerSamplesProperty().get());
        fx.pumpUntil(() -> vm.shownProperty().get() != null, 60);
        assertEquals("", vm.errorProperty().get());
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
    }

    @Test
    void anEnrolmentShowsTheFaceItTookAndHoldsTheSlideshowWhileItIsConfirmed() throws Exception {
        vm.sourceProperty().set(vm.sourcesProperty().get(1));
        vm.stillMillisProperty().set(100);
        Set<String> origins = new HashSet<>();
        vm.shownProperty().addListener((o, a, s) -> {
            if (s != null) origins.add(s.origin());
        });
        vm.start();
        fx.pumpUntil(() -> origins.size() >= 2, 60); // the slideshow moves every 100 ms
        vm.enrollNameProperty().set("Ada");
        String enrolledFrom = vm.shownProperty().get().origin();
        vm.enroll();
        fx.pumpUntil(() -> vm.enrolledProperty().get() != null, 30);
        BoothViewModel.Enrolled e = vm.enrolledProperty().get();
        assertEquals("Enrolled Ada", e.said());
        assertEquals(BoothViewModel.THUMB, e.face().width());
        BoothViewModel.Shown s = vm.shownProperty().get();
        assertEquals(enrolledFrom, s.origin(), "still the enrolled picture");
        long end = System.nanoTime() + 1_000_000_000L; // ten slides' time: it has not moved on
        fx.pumpUntil(() -> System.nanoTime() > end, 10);
        assertEquals(enrolledFrom, vm.shownProperty().get().origin(), "the slideshow holds while the confirmation shows");
        assertNotNull(vm.enrolledProperty().get());
        fx.pumpUntil(() -> vm.enrolledProperty().get() == null, 30); // the confirmation goes…
        fx.pumpUntil(() -> !vm.shownProperty().get().origin().equals(enrolledFrom), 30); // …and the slideshow moves on
        vm.stop();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 10);
    }

    @Test
    void aMissingFolderIsAClearError() throws Exception {
        vm.addSource(Path.of("no/such/folder"));
        vm.start();
        fx.pumpUntil(() -> !vm.runningProperty().get(), 30);
        assertTrue(vm.errorProperty().get().contains("no such file or folder"), vm.errorProperty().get());
    }
}
