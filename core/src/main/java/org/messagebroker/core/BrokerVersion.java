package org.messagebroker.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, stamped in at build time. */
public final class BrokerVersion {

    private static final String VERSION = load();

    private BrokerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BrokerVersion.class.getResourceAsStream("/broker-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            return "unknown";
        }
    }
}
