package org.messagebroker.core.errors;

/**
 * A request a use case turns down, said in the domain's words; {@link Refusal} maps each kind to its HTTP
 * status in one place, so services never pick status codes.
 */
public abstract sealed class Rejection extends RuntimeException {

    private Rejection(String detail) {
        super(detail, null, false, false);
    }

    /** The request itself is wrong: a field missing, malformed or out of range. */
    public static final class Invalid extends Rejection {
        public Invalid(String detail) {
            super(detail);
        }
    }

    /** The caller could not be identified (an unknown user, an invalid refresh token). */
    public static final class Unauthenticated extends Rejection {
        public Unauthenticated(String detail) {
            super(detail);
        }
    }

    /** The caller is known but may not do this. */
    public static final class Forbidden extends Rejection {
        public Forbidden(String detail) {
            super(detail);
        }
    }

    /** The thing asked for does not exist. */
    public static final class NotFound extends Rejection {
        public NotFound(String detail) {
            super(detail);
        }
    }

    /** The request contradicts the current state (exists already, revoked already, still rejected). */
    public static final class Conflict extends Rejection {
        public Conflict(String detail) {
            super(detail);
        }
    }
}
