package org.messagebroker.proxy.web;

import java.io.IOException;

/** Thrown from the request body stream once it passes the configured size; answered with 413. */
public class BodyTooLargeException extends IOException {

    BodyTooLargeException(String message) {
        super(message);
    }
}
