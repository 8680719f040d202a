package org.messagebroker.proxy.http;

/**
 * A method and a path template served by an endpoint: an exact path, or one ending in a single variable
 * segment ({@code /api/v1/messages/{messageId}}). The template is the {@code endpoint} label of the
 * request metrics.
 */
public record Route(String method, String template, Endpoint endpoint) {

    boolean matchesPath(String path) {
        int variable = template.indexOf('{');
        if (variable < 0) {
            return template.equals(path);
        }
        String prefix = template.substring(0, variable);
        return path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0;
    }
}
