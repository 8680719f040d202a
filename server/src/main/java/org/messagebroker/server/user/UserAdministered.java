package org.messagebroker.server.user;

import java.util.Map;

/** An admin created, changed, reset the password of or deleted a user; {@code details} says what changed. */
public record UserAdministered(Action action, long adminId, long userId, String ip, Map<String, Object> details) {

    public enum Action { CREATED, UPDATED, PASSWORD_RESET, DELETED }
}
