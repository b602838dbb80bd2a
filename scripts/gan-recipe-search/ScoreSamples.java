package dev.latentstudio.engine.classify;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import java.io.*;
import java.nio.file.*;

/** Scores 10,000 1x28x28 samples (big-endian float32 in [-1,1]) with the project's classifier and GanQuality. */
public class ScoreSamples {
  public static void main(String[] a) throws Exception {
    byte[] b = Files.readAllBytes(Path.of(a[0]));
    int n = b.length / 4 / 784;
    float[] f = new float[n * 784];
    java.nio.ByteBuffer.wrap(b).asFloatBuffer().get(f);
    MultiLayerNetwork c = DigitClassifier.load(a.length > 1 ? a[1] : "digit-cnn");
    double[][] p = c.output(Nd4j.create(f, new long[]{n, 1, 28, 28}, 'c'), false).toDoubleMatrix();
    double[] py = new double[10];
    for (double[] r : p) for (int k = 0; k < 10; k++) py[k] += r[k] / n;
    System.out.println(GanQuality.fromProbabilities(p, py));
  }
}
