package org.messagebroker.server.paging;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.messagebroker.core.errors.Rejection;

/**
 * The window of a list a request asks for. The documented {@code page} and {@code per_page} (default 1
 * and 50, at most 100) are answered as an object, the items under a name and their {@code pagination}.
 * Message Broker 1.0's {@code skip} and {@code limit} (default 0 and 100, at most 1000), given without a page,
 * are answered as Message Broker 1.0 answered them: a bare JSON array from exactly that offset.
 */
public record Paging(int offset, int limit, int page, boolean original) {

    private static final int MAX_PER_PAGE = 100;
    private static final int MAX_LIMIT = 1000;

    /** The documented paging only. */
    public static Paging of(Integer page, Integer perPage) {
        int p = page == null ? 1 : page;
        int size = perPage == null ? 50 : perPage;
        if (p < 1 || size < 1 || size > MAX_PER_PAGE) {
            throw new Rejection.Invalid("page must be 1 or more and per_page 1 to " + MAX_PER_PAGE);
        }
        return new Paging((p - 1) * size, size, p, false);
    }

    /** The documented paging, or Message Broker 1.0's when {@code skip} or {@code limit} comes without a page. */
    public static Paging of(Integer page, Integer perPage, Integer skip, Integer limit) {
        if ((skip == null && limit == null) || page != null || perPage != null) {
            return of(page, perPage);
        }
        int from = skip == null ? 0 : skip;
        int size = limit == null ? 100 : limit;
        if (from < 0 || size < 1 || size > MAX_LIMIT) {
            throw new Rejection.Invalid("skip must be 0 or more and limit 1 to " + MAX_LIMIT);
        }
        return new Paging(from, size, 0, true);
    }

    /** The answer: the bare items for Message Broker 1.0's paging, else the items under {@code name} with the page. */
    public Object answer(String name, List<?> items, LongSupplier total) {
        if (original) {
            return items;
        }
        long count = total.getAsLong();
        return Map.of(name, items, "pagination",
                Map.of("page", page, "per_page", limit, "total", count, "pages", (count + limit - 1) / limit));
    }
}
