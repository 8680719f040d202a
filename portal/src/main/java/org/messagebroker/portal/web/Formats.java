package org.messagebroker.portal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Template helpers ({@code @fmt}) for values from the server's JSON: missing and null shown as empty. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    public String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? "" : value.asString();
    }

    /** An ISO instant as {@code 2026-11-21 23:43:27} (UTC), or empty. */
    public String time(JsonNode node, String field) {
        String text = text(node, field);
        if (text.isEmpty()) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    public String shortId(JsonNode node, String field) {
        String id = text(node, field);
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
