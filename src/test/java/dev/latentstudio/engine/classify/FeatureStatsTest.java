package dev.latentstudio.engine.classify;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureStatsTest {

    private static double[][] gaussian(int n, int d, double mean, double std, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) for (int i = 0; i < d; i++) row[i] = mean + std * r.nextGaussian();
        return x;
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        double[][] x = gaussian(40, 6, 0, 1, 1);
        double[][] c = FeatureStats.covariance(x, FeatureStats.mean(x));
        FeatureStats.Eigen e = FeatureStats.eigen(c);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int k = 0; k < 6; k++) s += e.vectors()[i][k] * e.values()[k] * e.vectors()[j][k];
                assertEquals(c[i][j], s, 1e-10);
            }
        }
    }

    @Test
    void frechetDistanceOfKnownGaussians() {
        // N(0, I) vs N(1, 4I) in 8 dimensions: ‖Δμ‖² + Σ (1 + 4 − 2·2) = 8 + 8 = 16
        double fid = FeatureStats.frechet(gaussian(20_000, 8, 0, 1, 2), gaussian(20_000, 8, 1, 2, 3));
        assertEquals(16, fid, 0.5);
        double same = FeatureStats.frechet(gaussian(20_000, 8, 0, 1, 4), gaussian(20_000, 8, 0, 1, 5));
        assertTrue(same < 0.05, "two samples of one distribution: " + same);
    }

    @Test
    void meanPairwiseDistance() {
        assertEquals((1 + 1 + Math.sqrt(2)) / 3, FeatureStats.meanPairwiseDistance(new double[][]{{0, 0}, {1, 0}, {0, 1}}), 1e-12);
        assertTrue(Double.isNaN(FeatureStats.meanPairwiseDistance(new double[][]{{1, 2}})));
        // a collapsed set scores near zero, a spread one near √(2d)·std
        assertEquals(0, FeatureStats.meanPairwiseDistance(gaussian(50, 16, 3, 1e-9, 6)), 1e-6);
        assertEquals(Math.sqrt(32), FeatureStats.meanPairwiseDistance(gaussian(300, 16, 0, 1, 7)), 0.3);
    }
}
