package dev.latentstudio.engine;

import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What the engine runs on: ND4J backend and device, threads, library versions, where things are. */
public final class Environment {
    private Environment() {
    }

    /**
     * No file the studio opens is read with Java serialisation; a process-wide filter that rejects every
     * class (JEP 290) makes sure a library path missed today cannot open tomorrow. The launcher also sets
     * {@code jdk.serialFilter=!*}; this covers the other ways in (an IDE, {@code mvn javafx:run}).
     */
    public static void refuseJavaDeserialisation() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> ObjectInputFilter.Status.REJECTED);
        }
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Backend.Choice choice = Backend.choice(); // before ND4J starts, where nothing chose yet
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getProperty("backend", Nd4j.getBackend().getClass().getSimpleName().replace("Backend", ""));
        m.put("backend", backend);
        if (!choice.note().isEmpty()) m.put("backend_note", choice.note());
        m.put("device", device(env));
        m.put("threads", Nd4j.getEnvironment().maxMasterThreads());
        // how idle OpenMP threads wait moves the op-heavy steps by a fifth: a bench sitting or a report records it
        m.put("openmp_wait", openMpWait(System.getenv()));
        m.put("blas", env.getOrDefault("blas.vendor", "?"));
        m.put("cpu_cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("dl4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        m.put("nd4j_natives", nativesFlavour());
        m.put("javafx", javafxVersion());
        m.put("opencv", opencvVersion());
        m.put("home", StudioPaths.home().toString());
        m.put("models", StudioPaths.models().toString());
        m.put("user_models", StudioPaths.userModels().toString());
        m.put("data", StudioPaths.assets().resolve("mnist/mnist-10k.idx.gz").toString());
        return m;
    }

    /** OMP_WAIT_POLICY and GOMP_SPINCOUNT as this process got them ("default": neither set, libgomp's own spin). */
    public static String openMpWait(Map<String, String> env) {
        String set = java.util.stream.Stream.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT").filter(env::containsKey)
                .map(k -> k + "=" + env.get(k)).collect(java.util.stream.Collectors.joining(" "));
        return set.isEmpty() ? "default" : set;
    }

    /** A one-line summary for status bars: backend, device and threads. */
    public static String summary() {
        return summary(describe());
    }

    /** The one-line summary of what {@link #describe} found. */
    public static String summary(Map<String, Object> m) {
        return m.get("backend") + (m.containsKey("backend_note") ? " (CUDA unavailable)" : "") + " · " + m.get("device") + " · " + m.get("threads") + " threads";
    }

    private static String device(Properties env) {
        Object gpus = env.get("cuda.devicesInformation");
        if (gpus instanceof java.util.List<?> list) return gpus(list);
        String cpu = "CPU";
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (Exception e) {
            // not Linux: the plain word will do
        }
        return cpu;
    }

    /** ND4J's CUDA device list (one map per GPU) as "name (compute M.m, N GiB)", comma-separated. */
    static String gpus(java.util.List<?> devices) {
        return devices.stream().map(d -> {
            Map<?, ?> m = d instanceof Map<?, ?> map ? map : Map.of();
            Object memory = m.get("cuda.totalMemory"), name = m.get("cuda.deviceName");
            return (name == null ? "GPU" : name) + " (compute " + m.get("cuda.deviceMajor") + "." + m.get("cuda.deviceMinor")
                    + (memory instanceof Number n ? String.format(java.util.Locale.ROOT, ", %.0f GiB", n.doubleValue() / (1L << 30)) : "") + ")";
        }).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The studio's own version (the pom's, written into version.properties at build time). */
    public static String studioVersion() {
        try (InputStream in = Environment.class.getResourceAsStream("/dev/latentstudio/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String mavenVersion(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Environment.class.getResourceAsStream(res)) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String nativesFlavour() {
        // the nd4j natives javacpp actually loaded, e.g. linux-x86_64-onednn-avx2
        for (String path : org.bytedeco.javacpp.Loader.getLoadedLibraries().values()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("nd4j-(?:native|cuda)[^/]*?-(linux-[^/]+?)\\.jar").matcher(path);
            if (m.find()) return m.group(1);
        }
        return "unknown";
    }

    private static String javafxVersion() {
        try {
            Class<?> c = Class.forName("com.sun.javafx.runtime.VersionInfo");
            return (String) c.getMethod("getRuntimeVersion").invoke(null);
        } catch (Throwable t) {
            return "not on class path";
        }
    }

    private static String opencvVersion() {
        try {
            Class.forName("nu.pattern.OpenCV").getMethod("loadLocally").invoke(null);
            return (String) Class.forName("org.opencv.core.Core").getField("VERSION").get(null);
        } catch (Throwable t) {
            return "unavailable (" + t.getClass().getSimpleName() + ")";
        }
    }
}
