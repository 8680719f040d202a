package org.messagebroker.cli.run;

import org.messagebroker.portal.PortalApplication;
import org.messagebroker.proxy.ProxyApplication;
import org.messagebroker.server.ServerApplication;
import org.messagebroker.worker.WorkerApplication;

/** The four components, in the order {@code run all} starts them: the server first, it owns the keys. */
public enum Role {
    SERVER(ServerApplication.class, ServerApplication.CONFIG_NAME),
    WORKER(WorkerApplication.class, WorkerApplication.CONFIG_NAME),
    PROXY(ProxyApplication.class, ProxyApplication.CONFIG_NAME),
    PORTAL(PortalApplication.class, PortalApplication.CONFIG_NAME);

    final Class<?> application;
    final String configName;

    Role(Class<?> application, String configName) {
        this.application = application;
        this.configName = configName;
    }

    String displayName() {
        return name().toLowerCase();
    }
}
