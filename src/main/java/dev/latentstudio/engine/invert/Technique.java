package dev.latentstudio.engine.invert;

/**
 * What an inversion climbs, as the Inversion Lab and ./studio invert name it. Which of these a network
 * offers, with which defaults, is the network's own business ({@link InversionNet#techniques()}); a new
 * technique is one more constant here, a case in the kinds of network that can run it, and a line in each front.
 */
public enum Technique {
    CLASS("Class visualisation", null, false),
    CHANNEL("Channel / neuron", "conv2", false),
    RECONSTRUCT("Reconstruct a picture", "conv2", true),
    DREAM("DeepDream on a picture", "conv2", true),
    CGMM("cGMM attributes", CgmmVisualisation.DEFAULT_LAYER, false),
    PORTRAIT("Identity portrait", null, true),
    LANDMARKS("Move landmarks", null, true);

    private final String label;
    private final String defaultLayer;
    private final boolean usesPicture;

    Technique(String label, String defaultLayer, boolean usesPicture) {
        this.label = label;
        this.defaultLayer = defaultLayer;
        this.usesPicture = usesPicture;
    }

    /** The layer it opens at, where the network has it; null for the kinds that climb the network's output. */
    public String defaultLayer() {
        return defaultLayer;
    }

    /** Whether it works at a layer the user picks (all but class visualisation and the portrait, which climb the output). */
    public boolean usesLayer() {
        return defaultLayer != null;
    }

    /** Whether it starts from a picture (a held-out digit or the user's own; a face photo for a portrait). */
    public boolean usesPicture() {
        return usesPicture;
    }

    @Override
    public String toString() {
        return label;
    }
}
