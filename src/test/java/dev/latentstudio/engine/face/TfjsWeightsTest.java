package dev.latentstudio.engine.face;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class TfjsWeightsTest {

    @Test
    void decodesFloat32Int32AndQuantisedWeightsAcrossShards(@TempDir Path dir) throws IOException {
        ByteBuffer a = ByteBuffer.allocate(4 * 2 + 4).order(ByteOrder.LITTLE_ENDIAN);
        a.putFloat(1.5f).putFloat(-2.25f).putInt(7);
        ByteBuffer b = ByteBuffer.allocate(3 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 10).put((byte) 255);
        b.putShort((short) 0x3c00).putShort((short) 0xc000); // float16 1.0, -2.0
        Files.write(dir.resolve("n.bin"), a.array());
        Files.write(dir.resolve("n.bin2"), b.array());
        Files.writeString(dir.resolve("n-weights_manifest.json"), """
                [{"paths":["n.bin","n.bin2"],"weights":[
                  {"name":"f","shape":[2],"dtype":"float32"},
                  {"name":"i","shape":[],"dtype":"int32"},
                  {"name":"q","shape":[3,1],"dtype":"float32","quantization":{"dtype":"uint8","scale":0.5,"min":-1}},
                  {"name":"h","shape":[2],"dtype":"float32","quantization":{"dtype":"float16"}}]}]
                """);
        TfjsWeights w = TfjsWeights.load(dir, "n");
        assertArrayEquals(new float[]{1.5f, -2.25f}, w.get("f").values());
        assertArrayEquals(new float[]{7}, w.get("i").values());
        assertArrayEquals(new float[]{-1f, 4f, 126.5f}, w.get("q", 3, 1).values());
        assertArrayEquals(new float[]{1f, -2f}, w.get("h").values());
        assertEquals(3, w.get("q").array().size(0));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> w.get("q", 3));
        assertTrue(shape.getMessage().contains("expected [3]"), shape.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.get("nope")).getMessage().contains("'nope'"));
    }

    @Test
    void truncatedOrMissingFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("n-weights_manifest.json"),
                "[{\"paths\":[\"n.bin\"],\"weights\":[{\"name\":\"f\",\"shape\":[4],\"dtype\":\"float32\"}]}]");
        assertTrue(assertThrows(IOException.class, () -> TfjsWeights.load(dir, "n")).getMessage().contains("Missing weight shard"));
        Files.write(dir.resolve("n.bin"), new byte[6]);
        assertTrue(assertThrows(IOException.class, () -> TfjsWeights.load(dir, "n")).getMessage().contains("truncated"));
        Files.writeString(dir.resolve("n-weights_manifest.json"), "{not json");
        assertTrue(assertThrows(IOException.class, () -> TfjsWeights.load(dir, "n")).getMessage().contains("not a TF.js"));
        assertTrue(assertThrows(IOException.class, () -> TfjsWeights.load(dir, "other")).getMessage().contains("Missing face"));
    }

    @Test
    void readsEveryShippedNetwork() throws IOException {
        Path dir = Path.of("models/face-api");
        for (String net : new String[]{"ssd_mobilenetv1_model", "tiny_face_detector_model", "face_landmark_68_model",
                "face_landmark_68_tiny_model", "face_recognition_model", "age_gender_model", "face_expression_model"}) {
            TfjsWeights w = TfjsWeights.load(dir, net);
            assertFalse(w.names().isEmpty(), net);
        }
        TfjsWeights rec = TfjsWeights.load(dir, "face_recognition_model");
        assertEquals(7 * 7 * 3 * 32, rec.get("conv32_down/conv/filters", 7, 7, 3, 32).size());
    }
}
