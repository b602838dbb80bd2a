package dev.latentstudio.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The ranges of the numeric options, as picocli converters ({@code converter = Ranges.Positive.class}): a value
 * outside is a usage error that names the option ("Invalid value for option '--steps': -5 is not a positive whole
 * number", exit 2), raised while parsing, before anything runs. Every numeric option names one (OptionRangesTest).
 */
final class Ranges {
    private static final double INF = Double.POSITIVE_INFINITY;

    private Ranges() {
    }

    /** Numbers of type {@code type} in [min, max], or (min, max] when {@code minOpen}; always finite. */
    abstract static class Range<T extends Number> implements ITypeConverter<T> {
        final Class<T> type;
        private final Function<String, T> parse;
        private final double min, max;
        private final boolean minOpen;

        Range(Class<T> type, Function<String, T> parse, double min, double max, boolean minOpen) {
            this.type = type;
            this.parse = parse;
            this.min = min;
            this.max = max;
            this.minOpen = minOpen;
        }

        @Override
        public T convert(String text) {
            T v;
            try {
                v = parse.apply(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not " + what());
            }
            double d = v.doubleValue();
            if (!(Double.isFinite(d) && (minOpen ? d > min : d >= min) && d <= max)) throw new TypeConversionException(text + " is not " + what());
            return v;
        }

        private boolean whole() {
            return type != Double.class;
        }

        /** "a positive whole number", "a whole number from 1 to 64", "a number above 0"… */
        String what() {
            String noun = whole() ? "a whole number" : "a number";
            if (max == INF) {
                if (minOpen) return noun + " above " + text(min);
                if (min == -INF) return noun;
                return whole() && min == 1 ? "a positive whole number" : noun + " of at least " + text(min);
            }
            return noun + (minOpen ? " above " + text(min) + " and at most " : " from " + text(min) + " to ") + text(max);
        }

        /** Values just outside the range, for the tests; none when every number is valid. */
        List<String> outside() {
            List<String> out = new ArrayList<>();
            if (min > -INF) out.add(text(minOpen ? min : min - 1));
            if (max < INF) out.add(text(max + 1));
            return out;
        }

        private static String text(double x) {
            return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
        }
    }

    abstract static class Ints extends Range<Integer> {
        Ints(double min, double max) {
            super(Integer.class, Integer::valueOf, min, max, false);
        }
    }

    abstract static class Longs extends Range<Long> {
        Longs(double min) {
            super(Long.class, Long::valueOf, min, INF, false);
        }
    }

    abstract static class Reals extends Range<Double> {
        Reals(double min, double max, boolean minOpen) {
            super(Double.class, Double::valueOf, min, max, minOpen);
        }
    }

    // counts, steps, sizes
    static final class Positive extends Ints { Positive() { super(1, INF); } }
    // jitter, "every k steps, 0 never", indices, warm-up runs
    static final class NonNegative extends Ints { NonNegative() { super(0, INF); } }
    // frames of a loop or a morph, people (one enrolled, one left out)
    static final class AtLeast2 extends Ints { AtLeast2() { super(2, INF); } }
    // a slider's spread needs a few samples
    static final class AtLeast10 extends Ints { AtLeast10() { super(10, INF); } }
    // a cGMM fit needs enough images per attribute
    static final class AtLeast50 extends Ints { AtLeast50() { super(50, INF); } }
    // slider directions fit on at least 100 latents (DirectionFit.Options)
    static final class AtLeast100 extends Ints { AtLeast100() { super(100, INF); } }
    // pixel scales and pictures per row: beyond 64 the images grow to gigabytes
    static final class Scale extends Ints { Scale() { super(1, 64); } }
    // DeepDream.Options
    static final class Octaves extends Ints { Octaves() { super(1, 4); } }
    // DirectionFit.Options
    static final class Discovered extends Ints { Discovered() { super(0, 32); } }
    // samples in one grid
    static final class Count extends Ints { Count() { super(1, 4096); } }

    /** pix2pix's sides: 32 to 256 (a power of two, checked by the network spec). */
    static final class Side extends Ints { Side() { super(32, 256); } }

    static final class PositiveLong extends Longs { PositiveLong() { super(1); } }
    static final class NonNegativeLong extends Longs { NonNegativeLong() { super(0); } }
    // seeds: every long is one
    static final class AnyLong extends Longs { AnyLong() { super(-INF); } }

    // learning rates, radii, thresholds
    static final class PositiveReal extends Reals { PositiveReal() { super(0, INF, true); } }
    // weights of penalties, spreads
    static final class NonNegativeReal extends Reals { NonNegativeReal() { super(0, INF, false); } }
    // turns of a head, either way
    static final class Degrees90 extends Reals { Degrees90() { super(0, 90, false); } }
    // DeepDream.Options: each octave smaller than the next, by at most half
    static final class OctaveScale extends Reals { OctaveScale() { super(1, 2, true); } }
}
