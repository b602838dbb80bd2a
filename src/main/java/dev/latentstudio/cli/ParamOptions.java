package dev.latentstudio.cli;

import picocli.CommandLine.Option;

/** How an inversion holds its image and whether each step zooms and turns it: shared by the invert commands. */
final class ParamOptions {
    enum Param { pixels, fourier }

    @Option(names = "--param", defaultValue = "pixels", paramLabel = "pixels|fourier",
            description = "How the image is optimised: raw pixels, or a Fourier spectrum weighted by 1/frequency "
                    + "(low frequencies first; decorrelated colour for colour models) (default: ${DEFAULT-VALUE}).")
    Param param;
    @Option(names = "--scale-rotate", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Also zoom by up to ±5 %% and turn by up to ±5° at random each step (default: off).")
    boolean scaleRotate;

    boolean fourier() {
        return param == Param.fourier;
    }
}
