import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.io.*;
import java.util.*;
/** Writes a DL4J network's parameters (c order, big-endian float32) to FILE and their names and shapes to FILE.txt. */
public class ExportClassifier {
  public static void main(String[] a) throws Exception {
    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(a[0]), false);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(a[1])));
         PrintWriter idx = new PrintWriter(a[1] + ".txt")) {
      for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
        INDArray v = e.getValue().dup('c');
        idx.println(e.getKey() + " " + Arrays.toString(v.shape()).replaceAll("[\\[\\] ]", ""));
        for (float f : v.data().asFloat()) out.writeFloat(f);
      }
    }
    System.out.println(net.summary());
  }
}
