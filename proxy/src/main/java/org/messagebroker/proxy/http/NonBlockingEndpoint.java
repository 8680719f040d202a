package org.messagebroker.proxy.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.messagebroker.core.concurrent.Completions;

/**
 * An endpoint that never blocks, so it runs on the connection's event loop instead of a virtual thread
 * of its own: it starts the work and answers with a future. Continuations that do more than hand over a
 * value belong on {@code eventLoop}, not on whichever thread completed the work.
 */
@FunctionalInterface
public interface NonBlockingEndpoint extends Endpoint {

    /** May throw what {@link Endpoint#handle} throws; the future may fail with the same. */
    CompletableFuture<ProxyResponse> start(ProxyRequest request, Executor eventLoop);

    @Override
    default ProxyResponse handle(ProxyRequest request) {
        return Completions.join(start(request, Runnable::run));
    }
}
