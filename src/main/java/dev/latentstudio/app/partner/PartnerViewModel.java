package dev.latentstudio.app.partner;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.pix2pix.Pairs;

/**
 * The Partner screen (pix2pix): translate pictures with a trained model ({@link #translate()}) and train
 * one on pairs ({@link #training()}); a finished run is offered, and chosen, in the translate tab at once.
 */
public final class PartnerViewModel {
    private final TranslateViewModel translate;
    private final PartnerTrainingViewModel training;

    /** With the bundled garment outlines → garments (Fashion-MNIST's training split) as the bundled pairs. */
    public PartnerViewModel(JobRunner jobs) {
        this(jobs, side -> Pairs.edgesToGarments(false, side));
    }

    public PartnerViewModel(JobRunner jobs, PartnerTrainingViewModel.BundledPairs bundled) {
        translate = new TranslateViewModel(jobs);
        training = new PartnerTrainingViewModel(jobs, bundled);
        training.lastSavedModelProperty().addListener((o, a, dir) -> {
            if (dir != null) translate.choose(dir);
        });
    }

    public TranslateViewModel translate() {
        return translate;
    }

    public PartnerTrainingViewModel training() {
        return training;
    }
}
