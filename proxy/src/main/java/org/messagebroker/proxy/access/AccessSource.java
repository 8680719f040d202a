package org.messagebroker.proxy.access;

/** Where the gate learns who may send: the server's access list as last received. */
interface AccessSource {

    /** The last list received, or null before the first. */
    AccessList current();

    /** Whether the last refresh reached the server. */
    boolean serverReachable();
}
