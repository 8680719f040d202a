package org.messagebroker.proxy.access;

import java.util.function.Supplier;

/** Where the gate learns who may send: the server's access list as last received. */
interface AccessSource {

    /** The last list received, or null before the first. */
    AccessList current();

    /** Whether the last refresh reached the server. */
    boolean serverReachable();

    /** A list given by {@code list}, the server always reachable: for the gate's tests and benchmark. */
    static AccessSource of(Supplier<AccessList> list) {
        return new AccessSource() {
            @Override
            public AccessList current() {
                return list.get();
            }

            @Override
            public boolean serverReachable() {
                return true;
            }
        };
    }
}
