package dev.latentstudio.engine.gan;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.latentstudio.engine.nn.Buffers;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Sets every BatchNorm layer's inference statistics to the mean and variance its input actually
 * has on a calibration batch, layer by layer in order (each layer's statistics change what the
 * next one sees).
 */
public final class BatchNormCalibration {
    private BatchNormCalibration() {
    }

    public static void recalibrate(MultiLayerNetwork net, INDArray input) {
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            if (!(layer.conf().getLayer() instanceof BatchNormalization conf)) continue;
            List<INDArray> acts = net.feedForwardToLayer(i - 1, input, false);
            INDArray x = acts.get(acts.size() - 1);
            List<DataBuffer> pass = Buffers.ofForwardPass(net, acts, input); // hundreds of MB on a calibration batch
            if (net.getLayerWiseConfigurations().getInputPreProcess(i) != null) {
                x = net.getLayerWiseConfigurations().getInputPreProcess(i).preProcess(x, (int) x.size(0),
                        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
            }
            int[] axes = x.rank() == 4 ? new int[]{0, 2, 3} : new int[]{0};
            INDArray mean = x.mean(axes);
            INDArray var = x.var(false, axes);
            layer.setParam("mean", mean.reshape(layer.getParam("mean").shape()));
            if (conf.isUseLogStd()) {
                INDArray log10std = Transforms.log(Transforms.sqrt(var, false), 10, false);
                layer.setParam("log10stdev", log10std.reshape(layer.getParam("log10stdev").shape()));
            } else {
                layer.setParam("var", var.reshape(layer.getParam("var").shape()));
            }
            Buffers.close(x); // the preprocessor's copy (the pass's own buffers are freed next)
            Buffers.free(pass);
        }
    }
}
