package dev.latentstudio.engine.invert;

import dev.latentstudio.engine.nn.Scratch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

/**
 * The image as the half spectrum of a real 2-D DFT per channel (Lucid's Fourier parameterisation): the
 * parameters are the real and imaginary parts of each channel's rfft2 coefficients, divided by a weight
 * that falls as 1/frequency. Adam moves every parameter by about the same amount, so through that weight
 * low frequencies move first and the high-frequency speckle that pixel-space ascent piles up is damped.
 * <p>
 * The DFT is two small matrix products per channel (H×H and W×K cosine/sine matrices, K = W/2 + 1),
 * orthonormal, so it is exact, its inverse is the same products the other way round and the gradient's
 * pull-back is their transpose. For three channels the spectra describe decorrelated colour: a fixed
 * 3×3 matrix {@link #COLOUR} maps them to RGB at every pixel (see there).
 * <p>
 * Shapes: params [c, 2, H, K] (c, real/imaginary, row frequency, column frequency), image [1, c, H, W].
 */
public final class Fourier implements Parameterisation {
    /**
     * RGB from decorrelated colour: the square root of the RGB covariance of ImageNet photos (its columns:
     * luminance, a red–blue and a green–magenta axis), as Lucid uses it, scaled so its largest column has
     * norm 1. No colour data set ships with the studio to measure our own, and the colour statistics of
     * natural photographs hardly differ between collections; a step along one parameter then changes
     * colour the way photographs vary instead of one primary at a time.
     */
    static final double[][] COLOUR;

    static {
        double[][] m = {{0.26, 0.09, 0.02}, {0.27, 0.00, -0.05}, {0.27, -0.09, 0.03}};
        double max = 0;
        for (int j = 0; j < 3; j++) max = Math.max(max, Math.sqrt(m[0][j] * m[0][j] + m[1][j] * m[1][j] + m[2][j] * m[2][j]));
        for (double[] row : m) for (int j = 0; j < 3; j++) row[j] /= max;
        COLOUR = m;
    }

    private final int c, h, w, k;
    private final INDArray params;
    private final INDArray weight;             // [H, K] per-frequency weight, double
    private final INDArray cosH, sinH;         // [H, H] cos/sin(2π·u·y/H), symmetric
    private final INDArray cosW, sinW;         // [W, K] cos/sin(2π·x·k/W): forward along rows
    private final INDArray invCosW, invSinW;   // [K, W] the same with the half-spectrum's multiplicities
    private final double norm;
    private final double[][] colour, colourInverse;

    private Fourier(int c, int h, int w, DataType type) {
        if (c != 1 && c != 3) throw new IllegalArgumentException("the Fourier parameterisation takes 1 or 3 channels, got " + c);
        if (h < 1 || w < 1) throw new IllegalArgumentException("empty image " + h + "x" + w);
        this.c = c;
        this.h = h;
        this.w = w;
        this.k = w / 2 + 1;
        this.params = Nd4j.zeros(type, c, 2, h, k);
        this.norm = Math.sqrt((double) h * w);
        double[][] ch = new double[h][h], sh = new double[h][h];
        for (int u = 0; u < h; u++) {
            for (int y = 0; y < h; y++) {
                double a = 2 * Math.PI * ((long) u * y % h) / h;
                ch[u][y] = Math.cos(a);
                sh[u][y] = Math.sin(a);
            }
        }
        double[][] cw = new double[w][k], sw = new double[w][k], icw = new double[k][w], isw = new double[k][w];
        for (int x = 0; x < w; x++) {
            for (int f = 0; f < k; f++) {
                double a = 2 * Math.PI * ((long) x * f % w) / w;
                // columns 1..K-1 stand for themselves and their mirror image, except the Nyquist column of an even width
                double mult = f == 0 || (w % 2 == 0 && f == w / 2) ? 1 : 2;
                cw[x][f] = Math.cos(a);
                sw[x][f] = Math.sin(a);
                icw[f][x] = mult * Math.cos(a);
                isw[f][x] = mult * Math.sin(a);
            }
        }
        cosH = Nd4j.createFromArray(ch);
        sinH = Nd4j.createFromArray(sh);
        cosW = Nd4j.createFromArray(cw);
        sinW = Nd4j.createFromArray(sw);
        invCosW = Nd4j.createFromArray(icw);
        invSinW = Nd4j.createFromArray(isw);
        weight = frequencyWeight(h, w);
        colour = c == 3 ? COLOUR : null;
        colourInverse = c == 3 ? invert3(COLOUR) : null;
    }

    /** The parameters that give {@code image} ([1, c, h, w]); they keep the image's data type. */
    public static Fourier of(INDArray image) {
        if (image.rank() != 4 || image.size(0) != 1) {
            throw new IllegalArgumentException("expected one NCHW image [1, c, h, w], got " + java.util.Arrays.toString(image.shape()));
        }
        Fourier f = new Fourier((int) image.size(1), (int) image.size(2), (int) image.size(3), image.dataType());
        f.setImage(image);
        return f;
    }

    /** A start image [1, c, h, w]: {@code base} (CHW, e.g. the data set's mean image) plus N(0, noise²) pixel noise, seeded. */
    public static Fourier around(float[] base, int c, int h, int w, double noise, long seed) {
        return of(Pixels.around(base, c, h, w, noise, seed).image());
    }

    /**
     * Lucid's start: every parameter N(0, sd²), seeded, i.e. noise with a 1/f spectrum around mid-grey
     * (pixel standard deviation about sd, as the weights have unit root mean square).
     */
    public static Fourier noise(int c, int h, int w, double sd, long seed) {
        Fourier f = new Fourier(c, h, w, DataType.FLOAT);
        Random rnd = new Random(seed);
        double[] v = new double[(int) f.params.length()];
        for (int i = 0; i < v.length; i++) v[i] = sd * rnd.nextGaussian();
        f.params.assign(Nd4j.create(v, f.params.shape(), 'c'));
        return f;
    }

    /**
     * 1 / max(frequency, 1 / max(H, W)) with the frequency in cycles per pixel (the constant term gets the
     * lowest frequency's weight, not infinity), scaled to unit root mean square so that Adam's learning
     * rate moves the pixels by about as much as it does in the pixel parameterisation.
     */
    static INDArray frequencyWeight(int h, int w) {
        int k = w / 2 + 1;
        double[][] s = new double[h][k];
        double floor = 1.0 / Math.max(h, w), sum = 0;
        for (int u = 0; u < h; u++) {
            double fy = (double) Math.min(u, h - u) / h;
            for (int f = 0; f < k; f++) {
                double fx = (double) f / w;
                s[u][f] = 1 / Math.max(Math.sqrt(fy * fy + fx * fx), floor);
                sum += s[u][f] * s[u][f];
            }
        }
        double rms = Math.sqrt(sum / (h * k));
        for (double[] row : s) for (int f = 0; f < k; f++) row[f] /= rms;
        return Nd4j.createFromArray(s);
    }

    @Override
    public INDArray params() {
        return params;
    }

    /*
     * image(), paramGradient() and setImage() run once or twice a step and make ~40 temporary arrays each (a face
     * edit's 3×150×150 ones: ~50 MB a step), which otherwise wait for the Java collector: they run in a workspace of
     * their own and only the result leaves it.
     */
    @Override
    public INDArray image() {
        return Scratch.run("Fourier.image", () -> imageInWorkspace().detach());
    }

    @Override
    public INDArray paramGradient(INDArray imageGradient) {
        checkShape(imageGradient);
        return Scratch.run("Fourier.gradient", () -> paramGradientInWorkspace(imageGradient).detach());
    }

    @Override
    public void setImage(INDArray image) {
        checkShape(image);
        Scratch.run("Fourier.set", () -> {
            setImageInWorkspace(image);
            return null;
        });
    }

    private INDArray imageInWorkspace() {
        INDArray p = params.castTo(DataType.DOUBLE);
        INDArray[] planes = new INDArray[c];
        for (int ch = 0; ch < c; ch++) {
            INDArray re = p.get(NDArrayIndex.point(ch), NDArrayIndex.point(0)).mul(weight);
            INDArray im = p.get(NDArrayIndex.point(ch), NDArrayIndex.point(1)).mul(weight);
            // x = Re(Σ_u Σ_k m_k Z[u,k] e^{2πi(uy/H + kx/W)}) / √(HW), Z = re + i·im
            INDArray a = re.mmul(invCosW).subi(im.mmul(invSinW));
            INDArray b = im.mmul(invCosW).addi(re.mmul(invSinW));
            planes[ch] = cosH.mmul(a).subi(sinH.mmul(b)).divi(norm);
        }
        return stack(mix(planes, colour)).castTo(params.dataType());
    }

    private INDArray paramGradientInWorkspace(INDArray imageGradient) {
        INDArray[] g = mix(planes(imageGradient), transpose(colour));
        INDArray out = Nd4j.zeros(DataType.DOUBLE, c, 2, h, k);
        for (int ch = 0; ch < c; ch++) {
            // the transpose of image(): cos/sin matrices are symmetric along the rows, transposed along the columns
            INDArray gc = g[ch].mmul(invCosW.transpose()), gs = g[ch].mmul(invSinW.transpose());
            INDArray re = cosH.mmul(gc).subi(sinH.mmul(gs));
            INDArray im = sinH.mmul(gc).addi(cosH.mmul(gs)).negi();
            out.get(NDArrayIndex.point(ch), NDArrayIndex.point(0)).assign(re.divi(norm).muli(weight));
            out.get(NDArrayIndex.point(ch), NDArrayIndex.point(1)).assign(im.divi(norm).muli(weight));
        }
        return out.castTo(params.dataType());
    }

    private void setImageInWorkspace(INDArray image) {
        INDArray[] x = mix(planes(image), colourInverse);
        for (int ch = 0; ch < c; ch++) {
            // Z = Σ_y Σ_x x[y,x] e^{−2πi(uy/H + kx/W)} / √(HW): real part, imaginary part
            INDArray xc = x[ch].mmul(cosW), xs = x[ch].mmul(sinW);
            INDArray re = cosH.mmul(xc).subi(sinH.mmul(xs)).divi(norm);
            INDArray im = cosH.mmul(xs).addi(sinH.mmul(xc)).negi().divi(norm);
            params.get(NDArrayIndex.point(ch), NDArrayIndex.point(0)).assign(re.divi(weight));
            params.get(NDArrayIndex.point(ch), NDArrayIndex.point(1)).assign(im.divi(weight));
        }
    }

    private void checkShape(INDArray image) {
        if (image.rank() != 4 || image.size(0) != 1 || image.size(1) != c || image.size(2) != h || image.size(3) != w) {
            throw new IllegalArgumentException("expected an image [1, " + c + ", " + h + ", " + w + "], got "
                    + java.util.Arrays.toString(image.shape()));
        }
    }

    private INDArray[] planes(INDArray image) {
        INDArray d = image.castTo(DataType.DOUBLE);
        INDArray[] out = new INDArray[c];
        for (int ch = 0; ch < c; ch++) out[ch] = d.get(NDArrayIndex.point(0), NDArrayIndex.point(ch)).dup('c');
        return out;
    }

    private INDArray stack(INDArray[] planes) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, c, h, w);
        for (int ch = 0; ch < c; ch++) out.get(NDArrayIndex.point(0), NDArrayIndex.point(ch)).assign(planes[ch]);
        return out;
    }

    /** out_i = Σ_j m[i][j] · in_j at every pixel; a null matrix (one channel) is the identity. */
    private static INDArray[] mix(INDArray[] in, double[][] m) {
        if (m == null) return in;
        INDArray[] out = new INDArray[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[0].mul(m[i][0]);
            for (int j = 1; j < in.length; j++) out[i].addi(in[j].mul(m[i][j]));
        }
        return out;
    }

    private static double[][] transpose(double[][] m) {
        if (m == null) return null;
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = m[j][i];
        return t;
    }

    /** The inverse of a 3×3 matrix by its adjugate. */
    static double[][] invert3(double[][] m) {
        double[][] inv = new double[3][3];
        double det = 0;
        for (int j = 0; j < 3; j++) det += m[0][j] * cofactor(m, 0, j);
        if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("singular colour matrix");
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) inv[j][i] = cofactor(m, i, j) / det;
        return inv;
    }

    private static double cofactor(double[][] m, int i, int j) {
        int r0 = i == 0 ? 1 : 0, r1 = i == 2 ? 1 : 2, c0 = j == 0 ? 1 : 0, c1 = j == 2 ? 1 : 2;
        double minor = m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
        return (i + j) % 2 == 0 ? minor : -minor;
    }
}
