package dev.latentstudio.engine;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which ND4J backend this process computes on ({@code --backend auto|cpu|cuda}), chosen once before ND4J starts.
 * ND4J itself picks by environment variables read at class-load time (BACKEND_PRIORITY_CPU/GPU), and a CUDA backend
 * it cannot start prints a stack trace before it falls back; so the studio checks CUDA itself and hides the backend it
 * does not want from ND4J's service lookup, which gives a one-line reason and works however Java was started.
 */
public final class Backend {
    public enum Kind { AUTO, CPU, CUDA }

    /** What was asked for, what runs, and why they differ (empty when they do not, or when auto found no CUDA build). */
    public record Choice(Kind asked, Kind running, String note) {
    }

    static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";
    static final String CUDA_PROVIDER = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String CPU_PROVIDER = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    private static final String CUDART = "org.bytedeco.cuda.global.cudart";
    // cudaDeviceAttr: cudaDevAttrComputeCapabilityMajor, ...Minor
    private static final int CC_MAJOR = 75, CC_MINOR = 76;

    private static volatile Choice choice;

    private Backend() {
    }

    /** Parses "auto", "cpu" or "cuda" (any case). */
    public static Kind parse(String s) {
        try {
            return Kind.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown backend '" + s + "': choose auto, cpu or cuda");
        }
    }

    /**
     * Chooses the backend before anything touches ND4J; a second call changes nothing and returns the first choice.
     * CUDA (asked for, or found by auto) runs only where this build has it and a GPU it can run on answers.
     */
    public static synchronized Choice select(Kind asked) {
        if (choice != null) return choice;
        boolean built = onClassPath(CUDA_PROVIDER);
        Choice c = decide(asked, built, Backend::cudaProblem);
        if (built) {
            ClassLoader parent = Thread.currentThread().getContextClassLoader();
            if (parent == null) parent = Backend.class.getClassLoader();
            ND4JClassLoading.setNd4jClassloader(new HidingLoader(parent, c.running() == Kind.CUDA ? CPU_PROVIDER : CUDA_PROVIDER));
        }
        choice = c;
        return c;
    }

    /** The choice, given whether this build has CUDA and (asked only when it matters) what keeps GPU 0 from running it. */
    static Choice decide(Kind asked, boolean built, Supplier<String> cudaProblem) {
        if (asked == Kind.CPU) return new Choice(asked, Kind.CPU, "");
        String problem = built ? cudaProblem.get() : "this build has no CUDA backend (build it with mvn -Pcuda)";
        if (problem == null) return new Choice(asked, Kind.CUDA, "");
        // auto on a CPU-only build is the everyday case, not worth a word
        return new Choice(asked, Kind.CPU, built || asked == Kind.CUDA ? "CUDA unavailable: " + problem + "; running on the CPU" : "");
    }

    /** The choice made, or (when nothing chose: tests, {@code mvn javafx:run}) the one STUDIO_BACKEND or auto makes now. */
    public static Choice choice() {
        Choice c = choice;
        return c != null ? c : select(parse(System.getenv().getOrDefault("STUDIO_BACKEND", "auto")));
    }

    /** Whether ND4J runs on the CPU backend, where the studio's CPU-only helpers (oneDNN, fused loops) may run. */
    public static boolean onCpu() {
        return CPU_PROVIDER.equals(Nd4j.getBackend().getClass().getName());
    }

    /**
     * Compute capabilities libnd4j 1.0.0-M2.1's CUDA 11.6 build has machine code for: sm_37, 50, 52, 60, 61, 70, 75,
     * 80 and 86, and no PTX (read from the fatbins of libnd4jcuda.so), so a GPU runs it only where one of those binaries
     * is compatible (same major version, minor at least the binary's): Kepler K80 to Ampere and Ada, not Hopper (9.0)
     * or later.
     */
    static boolean kernelsCover(int major, int minor) {
        return major == 3 ? minor >= 7 : major >= 5 && major <= 8;
    }

    /** Null when GPU 0 can run this build's CUDA kernels; otherwise why not, in a few words. */
    private static String cudaProblem() {
        try {
            Class<?> rt = Class.forName(CUDART);
            int[] n = {0};
            int err = (Integer) rt.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) n);
            if (err != 0) return errorString(rt, err);
            if (n[0] == 0) return "no CUDA device found";
            int[] major = {0}, minor = {0};
            var attr = rt.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
            attr.invoke(null, major, CC_MAJOR, 0);
            attr.invoke(null, minor, CC_MINOR, 0);
            if (!kernelsCover(major[0], minor[0])) {
                return "the GPU's compute capability is " + major[0] + "." + minor[0] + ", and the CUDA kernels of"
                        + " ND4J 1.0.0-M2.1 (CUDA 11.6) run on 3.7 and 5.0 to 8.9 only";
            }
            return null;
        } catch (InvocationTargetException e) {
            return rootMessage(e);
        } catch (Throwable t) { // no CUDA runtime library, or a JavaCPP that cannot load it
            return rootMessage(t);
        }
    }

    private static String errorString(Class<?> rt, int err) throws ReflectiveOperationException {
        Object s = rt.getMethod("cudaGetErrorString", int.class).invoke(null, err);
        return s.getClass().getMethod("getString").invoke(s) + " (CUDA error " + err + ")";
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // the CUDA runtime is bundled; the driver library comes with the NVIDIA driver
        return m.contains("libcuda.so") ? "no NVIDIA driver found (libcuda.so.1 is missing)" : m;
    }

    private static boolean onClassPath(String name) {
        return Backend.class.getClassLoader().getResource(name.replace('.', '/') + ".class") != null;
    }

    /** Delegates everything, except that ND4J's backend service lookup does not see the files naming one provider. */
    static final class HidingLoader extends ClassLoader {
        private final String hidden;

        HidingLoader(ClassLoader parent, String hidden) {
            super(parent);
            this.hidden = hidden;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!SERVICE.equals(name)) return all;
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(all)) {
                try (InputStream in = u.openStream()) {
                    if (!new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(hidden)) kept.add(u);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
