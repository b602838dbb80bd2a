package dev.latentstudio.app.common;

/**
 * One point of a two-curve chart ({@link LossChartRenderer}): x (a step, an update) and the two
 * values, NaN where a value was not measured at that x (for training: D's and G's loss).
 */
public record LossPoint(double x, double a, double b) {
}
