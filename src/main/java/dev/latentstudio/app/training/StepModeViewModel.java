package dev.latentstudio.app.training;

import dev.latentstudio.app.common.Failures;
import dev.latentstudio.app.common.LossPoint;
import dev.latentstudio.engine.gan.GanStepper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Step mode: GAN training in slow motion, one D or one G update at a time on fixed batches, every
 * update recorded. It has networks of its own (fresh ones for the chosen data, or the last run's checkpoint
 * on that run's data), built with the Train tab's seed and learning rate; each update is a short job on the {@link dev.latentstudio.app.common.JobRunner}.
 */
public final class StepModeViewModel {
    /** Images in step mode's fixed batches. */
    public static final int BATCH = 16;
    /** "Step ×10" makes this many D-then-G rounds. */
    public static final int ROUNDS = 10;

    private final TrainingViewModel training;
    private final ReadOnlyObjectWrapper<GanStepper.Snapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyListWrapper<LossPoint> losses =
            new ReadOnlyListWrapper<>(this, "losses", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper canStep = new ReadOnlyBooleanWrapper(this, "canStep", false);
    private final ReadOnlyBooleanWrapper canStepFromRun = new ReadOnlyBooleanWrapper(this, "canStepFromRun", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private GanStepper stepper;
    private int generation;

    StepModeViewModel(TrainingViewModel training) {
        this.training = training;
        canStep.bind(busy.not()); // networks of its own: it can run beside a training run
        canStepFromRun.bind(canStep.and(training.runHasCheckpointProperty()));
        // networks stepping on other data than the chosen would mislead: other data, fresh networks
        training.dataSourceProperty().addListener((o, a, b) -> reset());
        training.folder().dataProperty().addListener((o, a, b) -> reset());
    }

    /** One discriminator update on the fixed batches. */
    public void stepDiscriminator() {
        steps("D step", s -> List.of(s.stepDiscriminator()));
    }

    /** One generator update on the fixed noise. */
    public void stepGenerator() {
        steps("G step", s -> List.of(s.stepGenerator()));
    }

    /** {@link #ROUNDS} rounds of one D update then one G update, every update recorded. */
    public void stepRounds() {
        steps("Step ×" + ROUNDS, s -> {
            List<GanStepper.Snapshot> out = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                out.add(s.stepDiscriminator());
                out.add(s.stepGenerator());
            }
            return out;
        });
    }

    /** Fresh networks (the next step builds them); the history starts again. */
    public void reset() {
        generation++; // an update still under way was for the networks dropped here: it is not shown
        stepper = null;
        snapshot.set(null);
        losses.clear();
        error.set("");
    }

    /** Steps on the networks of the last run's checkpoint (a stopped or finished run): watch a trained pair. */
    public void fromRun() {
        if (!canStepFromRun.get()) return;
        Path dir = training.runDirProperty().get();
        long s = training.seedProperty().get();
        TrainingViewModel.Choice c = training.runChoice(); // set with runDir: the run's own data, whatever is chosen now
        submit("Step mode: load " + dir.getFileName(), true, () -> {
            GanStepper st = GanStepper.fromCheckpoint(dir, c.data(), BATCH, s);
            return new Stepped(st, null, List.of(st.snapshot()));
        });
    }

    private interface Updates {
        List<GanStepper.Snapshot> apply(GanStepper s);
    }

    private record Stepped(GanStepper stepper, GanStepper.Snapshot first, List<GanStepper.Snapshot> after) {
    }

    private void steps(String name, Updates updates) {
        if (!canStep.get()) return;
        GanStepper current = stepper;
        long s = training.seedProperty().get();
        double lr = training.learningRateProperty().get();
        TrainingViewModel.Choice c;
        try {
            c = current != null ? null : training.choice();
        } catch (UnsupportedOperationException e) {
            error.set(e.getMessage());
            return;
        }
        submit("Step mode: " + name, false, () -> {
            GanStepper st = current != null ? current : GanStepper.fresh(c.arch(), c.data(), BATCH, s, lr);
            GanStepper.Snapshot first = current == null ? st.snapshot() : null;
            return new Stepped(st, first, updates.apply(st));
        });
    }

    private void submit(String name, boolean restart, Callable<Stepped> work) {
        busy.set(true);
        error.set("");
        int gen = generation;
        training.jobs().submit(name, work)
                .always(() -> busy.set(false))
                .onSuccess(r -> {
                    if (gen != generation) return;
                    if (restart) losses.clear();
                    stepper = r.stepper();
                    if (r.first() != null) record(r.first());
                    r.after().forEach(this::record);
                    snapshot.set(r.after().get(r.after().size() - 1));
                })
                .onFailure(e -> {
                    if (gen == generation) error.set("The update failed: " + Failures.message(e));
                });
    }

    private void record(GanStepper.Snapshot s) {
        losses.add(new LossPoint(s.dUpdates() + s.gUpdates(), s.dLoss(), s.gLoss()));
    }

    /** After the last update: scores, losses, pictures (null before the first step). */
    public ReadOnlyObjectProperty<GanStepper.Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** The losses after every update (x = updates made, D's and G's together). */
    public ReadOnlyListProperty<LossPoint> lossesProperty() {
        return losses.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Steps are possible when no update is under way (one at a time). */
    public ReadOnlyBooleanProperty canStepProperty() {
        return canStep.getReadOnlyProperty();
    }

    /** True when the last run left a checkpoint that step mode can continue ({@link #fromRun()}). */
    public ReadOnlyBooleanProperty canStepFromRunProperty() {
        return canStepFromRun.getReadOnlyProperty();
    }

    /** Why the last update failed; empty when it did not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
