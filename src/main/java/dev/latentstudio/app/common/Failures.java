package dev.latentstudio.app.common;

import java.util.concurrent.CompletionException;

/** What went wrong in a job, in words for the user: the screens' one way to read a failed result. */
public final class Failures {
    private Failures() {
    }

    /** The failure itself, without the CompletionException a future wraps it in (null stays null). */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }

    /** The first message found from the failure down its causes, or its class name when none has one. */
    public static String message(Throwable e) {
        Throwable t = unwrap(e);
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
