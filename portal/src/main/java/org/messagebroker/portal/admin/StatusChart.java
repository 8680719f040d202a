package org.messagebroker.portal.admin;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A stacked bar chart of messages per time bucket and status, laid out here and drawn as SVG by the
 * template: no JavaScript, nothing loaded from elsewhere, nothing the Content Security Policy forbids.
 */
public record StatusChart(List<Bar> bars, long max) {

    static final int HEIGHT = 160;

    static StatusChart of(JsonNode series) {
        List<Bar> bars = new ArrayList<>();
        long max = 1;
        for (JsonNode point : series) {
            long delivered = point.path("counts").path("delivered").asLong();
            long failed = point.path("counts").path("failed").asLong();
            long queued = point.path("counts").path("queued").asLong() + point.path("counts").path("processing").asLong();
            max = Math.max(max, delivered + failed + queued);
            bars.add(new Bar(point.path("from").asString(), delivered, failed, queued));
        }
        return new StatusChart(bars, max);
    }

    /** Pixel height of a count. */
    public int height(long count) {
        return (int) Math.round(count * (double) HEIGHT / max);
    }

    public record Bar(String from, long delivered, long failed, long queued) {
        public long total() {
            return delivered + failed + queued;
        }
    }
}
