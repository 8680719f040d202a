package org.messagebroker.proxy.http;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds the route of a request; a known path with another method is a 405, any other path a 404. */
final class Router {

    private final List<Route> routes;

    Router(List<Routes> providers) {
        this.routes = providers.stream().flatMap(provider -> provider.routes().stream()).toList();
    }

    /**
     * The route for a request; a path that encodes a slash or a backslash, or climbs with dot segments,
     * is refused as malformed (400) whatever it names.
     */
    Route match(String method, String rawPath, String path) {
        if (malformed(rawPath, path)) {
            return new Route(method, "unmatched", request -> {
                throw new ProxyException(400, "The request path is malformed.");
            });
        }
        return match(method, path);
    }

    private static boolean malformed(String rawPath, String path) {
        String raw = rawPath.toLowerCase(Locale.ROOT);
        return !path.startsWith("/") || raw.contains("%2f") || raw.contains("%5c") || raw.contains("\\")
                || path.contains("/../") || path.contains("/./") || path.endsWith("/..") || path.endsWith("/.");
    }

    Route match(String method, String path) {
        List<Route> forPath = routes.stream().filter(route -> route.matchesPath(path)).toList();
        for (Route route : forPath) {
            if (route.method().equals(method)) {
                return route;
            }
        }
        if (forPath.isEmpty()) {
            return new Route(method, "unmatched", request -> {
                throw new ProxyException(404, "No endpoint at " + request.path());
            });
        }
        String allowed = forPath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
        return new Route(method, forPath.getFirst().template(), request -> {
            throw new ProxyException(405, request.method() + " is not supported here; use " + allowed)
                    .header("Allow", allowed);
        });
    }
}
