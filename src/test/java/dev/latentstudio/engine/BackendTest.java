package dev.latentstudio.engine;

import dev.latentstudio.engine.Backend.Choice;
import dev.latentstudio.engine.Backend.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendTest {

    @Test
    void parsesAnyCaseAndNamesTheChoicesOtherwise() {
        assertEquals(Kind.CUDA, Backend.parse("CUDA"));
        assertEquals(Kind.CPU, Backend.parse(" cpu "));
        assertEquals(Kind.AUTO, Backend.parse("Auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.parse("gpu"));
        assertTrue(e.getMessage().contains("auto, cpu or cuda"), e.getMessage());
    }

    @Test
    void cudaRunsOnlyWhereBuiltAndTheGpuAnswers() {
        // the CPU asked for: CUDA is not even probed
        assertEquals(new Choice(Kind.CPU, Kind.CPU, ""), Backend.decide(Kind.CPU, true, () -> {
            throw new AssertionError("probed CUDA though the CPU was asked for");
        }));
        assertEquals(Kind.CUDA, Backend.decide(Kind.CUDA, true, () -> null).running());
        assertEquals(Kind.CUDA, Backend.decide(Kind.AUTO, true, () -> null).running());

        Choice noDriver = Backend.decide(Kind.CUDA, true, () -> "no NVIDIA driver found");
        assertEquals(Kind.CPU, noDriver.running());
        assertEquals("CUDA unavailable: no NVIDIA driver found; running on the CPU", noDriver.note());
        assertTrue(Backend.decide(Kind.AUTO, true, () -> "no CUDA device found").note().contains("no CUDA device found"));

        Choice notBuilt = Backend.decide(Kind.CUDA, false, () -> null);
        assertEquals(Kind.CPU, notBuilt.running());
        assertTrue(notBuilt.note().contains("mvn -Pcuda"), notBuilt.note());
        // auto on the everyday CPU-only build says nothing
        assertEquals(new Choice(Kind.AUTO, Kind.CPU, ""), Backend.decide(Kind.AUTO, false, () -> null));
    }

    @Test
    void gpuGenerationsTheKernelsCover() {
        assertFalse(Backend.kernelsCover(3, 5)); // K40: below sm_37
        assertTrue(Backend.kernelsCover(3, 7)); // K80
        assertTrue(Backend.kernelsCover(5, 0));
        assertTrue(Backend.kernelsCover(7, 5)); // T4
        assertTrue(Backend.kernelsCover(8, 0)); // A100
        assertTrue(Backend.kernelsCover(8, 9)); // Ada runs the sm_86 binaries
        assertFalse(Backend.kernelsCover(9, 0)); // H100: no sm_90 code, no PTX to compile
        assertFalse(Backend.kernelsCover(12, 0));
    }

    @Test
    void namesEachGpuFromNd4jsDeviceList() {
        // the shape of CudaExecutioner's "cuda.devicesInformation"
        List<Object> devices = List.of(
                java.util.Map.of("cuda.deviceName", "NVIDIA H100 80GB HBM3", "cuda.deviceMajor", 9, "cuda.deviceMinor", 0,
                        "cuda.totalMemory", 85_520_809_984L, "cuda.freeMemory", 84_000_000_000L),
                java.util.Map.of("cuda.deviceName", "Tesla T4", "cuda.deviceMajor", 7, "cuda.deviceMinor", 5));
        assertEquals("NVIDIA H100 80GB HBM3 (compute 9.0, 80 GiB), Tesla T4 (compute 7.5)", Environment.gpus(devices));
    }

    @Test
    void theHiddenProviderIsLeftOutOfTheServiceLookupOnly(@TempDir Path dir) throws Exception {
        List<URL> roots = new ArrayList<>();
        for (String provider : new String[]{Backend.CPU_PROVIDER, Backend.CUDA_PROVIDER}) {
            Path root = dir.resolve(provider.substring(provider.lastIndexOf('.') + 1));
            Files.createDirectories(root.resolve("META-INF/services"));
            Files.writeString(root.resolve(Backend.SERVICE), provider + "\n");
            Files.writeString(root.resolve("other.txt"), provider);
            roots.add(root.toUri().toURL());
        }
        try (URLClassLoader jars = new URLClassLoader(roots.toArray(URL[]::new), null)) {
            ClassLoader hiding = new Backend.HidingLoader(jars, Backend.CUDA_PROVIDER);
            List<URL> services = Collections.list(hiding.getResources(Backend.SERVICE));
            assertEquals(1, services.size());
            assertTrue(new String(services.get(0).openStream().readAllBytes()).contains(Backend.CPU_PROVIDER));
            assertEquals(2, Collections.list(hiding.getResources("other.txt")).size(), "other resources are not filtered");
        }
    }
}
