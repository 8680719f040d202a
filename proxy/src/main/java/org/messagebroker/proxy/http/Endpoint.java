package org.messagebroker.proxy.http;

/** One of the proxy's endpoints; runs on a virtual thread, so it may block (on the queue, on the server). */
@FunctionalInterface
public interface Endpoint {

    ProxyResponse handle(ProxyRequest request) throws Exception;
}
