package dev.latentstudio.engine.job;

/**
 * A long computation (training, inversion, fitting) that reports {@link Progress} and honours
 * cancel and pause through its {@link JobControl}. The CLI runs jobs on the calling thread with a
 * console bar; the studio runs the same jobs on its background executor.
 */
public interface Job<R> {

    String name();

    /** Runs to completion, or until the control is cancelled (then throws {@link CancelledException}). */
    R run(JobControl control) throws Exception;
}
