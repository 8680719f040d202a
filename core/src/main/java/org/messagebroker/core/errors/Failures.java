package org.messagebroker.core.errors;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.BeansException;

/** What went wrong, in words, for a log line without a stack trace. */
public final class Failures {

    private Failures() {
    }

    /**
     * The messages of the failure and its causes, one per line, each once; Spring's bean-creation wrappers are
     * left out: they say where in the wiring, not why. A failure without any message is named by its kind.
     */
    public static String describe(Throwable failure) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!(t instanceof BeansException) && t.getMessage() != null) {
                reasons.add(t.getMessage());
            }
        }
        return reasons.isEmpty() ? failure.getClass().getSimpleName() : String.join("\n", reasons);
    }
}
