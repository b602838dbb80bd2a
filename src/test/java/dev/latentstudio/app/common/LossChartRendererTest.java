package dev.latentstudio.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The loss chart's axis arithmetic: round maxima and short tick labels. */
class LossChartRendererTest {
    @Test
    void theAxisTopIsTheNextRoundNumber() {
        assertEquals(1, LossChartRenderer.niceCeiling(0), "empty or zero losses still give an axis");
        assertEquals(0.5, LossChartRenderer.niceCeiling(0.31), 1e-12);
        assertEquals(2.5, LossChartRenderer.niceCeiling(2.1), 1e-12);
        assertEquals(5, LossChartRenderer.niceCeiling(3.7), 1e-12);
        assertEquals(10, LossChartRenderer.niceCeiling(10), 1e-12);
        assertEquals(20, LossChartRenderer.niceCeiling(11), 1e-12);
    }

    @Test
    void tickLabelsDropTrailingZeros() {
        assertEquals("0", LossChartRenderer.tick(0));
        assertEquals("1.25", LossChartRenderer.tick(1.25));
        assertEquals("2.5", LossChartRenderer.tick(2.5));
        assertEquals("5", LossChartRenderer.tick(5));
        assertEquals("–", LossChartRenderer.value(Double.NaN));
    }

    @Test
    void negativeValuesGetRoundTicksThroughZero() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-2.5, 10, 2.5}, LossChartRenderer.axis(-0.2, 8.7), 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-10, 10, 5}, LossChartRenderer.axis(-6, 9), 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{-6, 2, 2}, LossChartRenderer.axis(-4.2, 0), 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{0, 10, 2.5}, LossChartRenderer.axis(0, 8.7), 1e-12,
                "no negatives: 0 to a round top in four steps, as before");
    }
}
