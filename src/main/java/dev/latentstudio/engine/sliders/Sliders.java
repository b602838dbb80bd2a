package dev.latentstudio.engine.sliders;

import dev.latentstudio.engine.data.Dataset;
import dev.latentstudio.engine.model.ModelCard;
import dev.latentstudio.engine.model.ModelStore;

import java.util.List;

/** Which attributes a generator's sliders measure, and which classifier judges its classes. */
public final class Sliders {
    private Sliders() {
    }

    /** Garments (and colour pictures) are measured by size, brightness, contrast and symmetry; digits by their strokes. */
    public static boolean garments(ModelCard card) {
        return card.channels() != 1 || dataset(card) == Dataset.FASHION;
    }

    /** The bundled data a 28×28 generator was trained on: a conditional one's class names say, else its card's data field. */
    public static Dataset dataset(ModelCard card) {
        if (card.labels() != null) return Dataset.of(card);
        return card.data() != null && card.data().toLowerCase(java.util.Locale.ROOT).contains("fashion") ? Dataset.FASHION : Dataset.DIGITS;
    }

    public static List<Attribute> attributesFor(ModelCard card) {
        return garments(card) ? Attribute.GARMENTS : Attribute.DIGITS;
    }

    /** The classifier of the generator's kind of picture, or null for colour pictures (no classifier judges them). */
    public static String classifierFor(ModelCard card) {
        if (card.channels() != 1 || card.height() != 28) return null;
        return ModelStore.classifierFor(dataset(card));
    }
}
