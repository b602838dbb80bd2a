package dev.latentstudio.app.shell;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.Environment;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shell's own state: what the engine runs on, and the job runner every screen shares. */
public final class ShellViewModel {
    private final JobRunner jobs;
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper(this, "environment", "");
    private final ReadOnlyObjectWrapper<Map<String, Object>> described = new ReadOnlyObjectWrapper<>(this, "described", Map.of());

    public ShellViewModel(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** Reads backend · device · threads in the background (the first call starts ND4J, which takes seconds). */
    public void loadEnvironment() {
        environment.set("Starting the ND4J backend…");
        jobs.submit("Start the ND4J backend", Environment::describe).onSuccess(m -> {
            described.set(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m)));
            environment.set(Environment.summary(m));
        }).onFailure(e -> environment.set("Backend unavailable: " + (e.getMessage() == null ? e : e.getMessage())));
    }

    public JobRunner jobs() {
        return jobs;
    }

    /** "Cpu · &lt;device&gt; · N threads", or what is happening until that is known. */
    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }

    /** What {@link Environment#describe} found once the backend started; empty until then. */
    public ReadOnlyObjectProperty<Map<String, Object>> describedProperty() {
        return described.getReadOnlyProperty();
    }

    /** The About box's lines, in order: the studio's version, Java's, JavaFX's, the ND4J backend and device. */
    public Map<String, String> about() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Latent Studio", Environment.studioVersion());
        m.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("JavaFX", System.getProperty("javafx.runtime.version", "unknown"));
        Map<String, Object> d = described.get();
        m.put("DL4J", String.valueOf(d.getOrDefault("dl4j", "…")));
        m.put("ND4J backend", environment.get());
        if (d.containsKey("backend_note")) m.put("Backend note", String.valueOf(d.get("backend_note")));
        m.put("Natives", String.valueOf(d.getOrDefault("nd4j_natives", "…")));
        m.put("CPU cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        return m;
    }
}
