package dev.latentstudio.engine.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Collection;

/**
 * Instance normalisation (Ulyanov et al. 2016) of NCHW activations: each sample's each channel brought to mean 0 and
 * variance 1 over its H×W, x̂ = (x − μ) / √(σ² + ε) with the biased variance, the same at training and inference (no
 * running statistics), so it works from batch 1 up. No learnable scale and shift, as pix2pix's {@code --norm instance}
 * (PyTorch's InstanceNorm2d, affine=False): the convolution after it can rescale it anyway. DL4J 1.0.0-M2.1 has no such
 * layer (BatchNorm and LRN only). A SameDiff lambda layer was tried first: its input gradient came out exactly twice
 * the central difference (not looked into further), so this one is written by hand:
 * dx = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + ε) per sample and channel.
 */
public final class InstanceNorm extends NoParamLayer {
    /** PyTorch's default. */
    public static final double EPS = 1e-5;

    private double eps = EPS;

    public InstanceNorm() {
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        Impl layer = new Impl(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.CNN) {
            throw new IllegalStateException("instance norm takes convolutional (NCHW) input, not " + inputType);
        }
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, InstanceNorm.class, inputType, inputType)
                .standardMemory(0, 0)
                .workingMemory(0, 0, perExample, 2 * perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public InstanceNorm clone() {
        return (InstanceNorm) super.clone();
    }

    /** The layer at work; x̂ and 1/σ are computed again in the backward pass from the kept input (cheap next to a convolution). */
    static final class Impl extends AbstractLayer<InstanceNorm> {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** [x̂, 1/σ]: x̂ as rows of H·W per (sample, channel), 1/σ a column. */
        private INDArray[] normalised() {
            long[] s = input.shape();
            INDArray rows = input.dup('c').reshape('c', s[0] * s[1], s[2] * s[3]);
            rows.subiColumnVector(rows.mean(true, 1));
            INDArray invStd = Transforms.pow(rows.mul(rows).mean(true, 1).addi(layerConf().getEps()), -0.5, false);
            return new INDArray[]{rows.muliColumnVector(invStd), invStd};
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
            return out.assign(normalised()[0].reshape(input.shape()));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            assertInputSet(true);
            INDArray[] n = normalised();
            INDArray xHat = n[0];
            INDArray g = epsilon.dup('c').reshape('c', xHat.size(0), xHat.size(1));
            INDArray dx = g.subColumnVector(g.mean(true, 1))
                    .subi(xHat.mulColumnVector(g.mul(xHat).mean(true, 1)))
                    .muliColumnVector(n[1]);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
            return new Pair<>(new DefaultGradient(), out.assign(dx.reshape(input.shape())));
        }

        @Override
        public double calcRegularizationScore(boolean backpropParamsOnly) {
            return 0;
        }

        @Override
        public Type type() {
            return Type.NORMALIZATION;
        }

        @Override
        public boolean isPretrainLayer() {
            return false;
        }

        @Override
        public void clearNoiseWeightParams() {
        }

        @Override
        public INDArray params() {
            return null;
        }
    }
}
