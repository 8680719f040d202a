package org.messagebroker.server.keys;

/** The key ring on disk gained a new current version (picked up without a restart). */
public record StorageKeyRotated(int fromVersion, int toVersion) {
}
