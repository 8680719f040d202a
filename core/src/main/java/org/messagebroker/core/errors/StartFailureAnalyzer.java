package org.messagebroker.core.errors;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Any failure to start a role, logged as what went wrong instead of a stack trace: Spring Boot logs an analysed
 * failure without one (the trace goes to {@code org.springframework.boot.diagnostics} at DEBUG). Spring's own
 * wrappers (bean creation …) are left out of the description: they say where in the wiring, not why.
 */
public class StartFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause) {
        Set<String> reasons = new LinkedHashSet<>();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (!(t instanceof BeansException) && t.getMessage() != null) {
                reasons.add(t.getMessage());
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(cause.getClass().getSimpleName());
        }
        return new FailureAnalysis(String.join("\n", reasons), "Correct what the description names and start"
                + " again (the stack trace is logged at DEBUG by org.springframework.boot.diagnostics).", cause);
    }

    /** After Spring Boot's own analyzers, which know their failures better. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
