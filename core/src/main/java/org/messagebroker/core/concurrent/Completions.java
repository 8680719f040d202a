package org.messagebroker.core.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waiting for a {@link CompletableFuture} and seeing its failure as what was thrown, not as its wrapper. */
public final class Completions {

    private Completions() {
    }

    /** The future's value, or its failure rethrown as it was thrown (checked ones wrapped once). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unchecked(e);
        }
    }

    /** What a dependent stage's failure wraps: the exception the failing stage threw. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * What a failed stage threw, to throw again: its {@link RuntimeException} as it is, an {@link Error}
     * thrown from here, a checked exception wrapped once.
     */
    public static RuntimeException unchecked(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }
}
