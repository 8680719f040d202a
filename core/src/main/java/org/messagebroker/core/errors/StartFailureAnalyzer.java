package org.messagebroker.core.errors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Any failure to start a role, logged as what went wrong instead of a stack trace: Spring Boot logs an analysed
 * failure without one (the trace goes to {@code org.springframework.boot.diagnostics} at DEBUG), described by
 * {@link Failures#describe}.
 */
public class StartFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause) {
        return new FailureAnalysis(Failures.describe(cause), "Correct what the description names and start"
                + " again (the stack trace is logged at DEBUG by org.springframework.boot.diagnostics).", cause);
    }

    /** After Spring Boot's own analyzers, which know their failures better. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
