package org.messagebroker.proxy.http;

import java.util.List;

/** A component that serves some of the proxy's routes; the server collects them all. */
public interface Routes {

    List<Route> routes();
}
