package org.messagebroker.core;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Gives every metric of ours its HELP text (from {@code metric-help.properties}), so a Prometheus user
 * reading {@code /metrics} learns what each one counts. Applied to each role's registry as a bean.
 */
public final class MetricHelp implements MeterFilter {

    private final Properties help = new Properties();

    public MetricHelp() {
        try (InputStream in = MetricHelp.class.getResourceAsStream("/metric-help.properties")) {
            help.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String text = help.getProperty(id.getName());
        return text == null || id.getDescription() != null ? id
                : new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), text, id.getType());
    }
}
