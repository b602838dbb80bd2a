package dev.latentstudio.app.shell;

import dev.latentstudio.app.common.JobRunner;
import dev.latentstudio.engine.Environment;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The shell's own state: what the engine runs on, and the job runner every screen shares. */
public final class ShellViewModel {
    private final JobRunner jobs;
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper(this, "environment", "");

    public ShellViewModel(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** Reads backend · device · threads in the background (the first call starts ND4J, which takes seconds). */
    public void loadEnvironment() {
        environment.set("Starting the ND4J backend…");
        jobs.submit("Start the ND4J backend", Environment::summary).result().whenComplete((s, e) ->
                environment.set(e == null ? s : "Backend unavailable: " + (e.getMessage() == null ? e : e.getMessage())));
    }

    public JobRunner jobs() {
        return jobs;
    }

    /** "Cpu · &lt;device&gt; · N threads", or what is happening until that is known. */
    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }
}
