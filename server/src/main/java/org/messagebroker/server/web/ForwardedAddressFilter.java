package org.messagebroker.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.messagebroker.core.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address is what login throttling counts and the audit log records; behind a trusted proxy
 * (the portal) Tomcat takes it from {@code X-Forwarded-For}. Whatever a trusted proxy forwards must still
 * be an IP address: anything else (a name, markup) is refused with 400 before it reaches a record.
 */
@Component
class ForwardedAddressFilter extends OncePerRequestFilter implements Ordered {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isAddress(request.getRemoteAddr())) {
            ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST.value(),
                    "X-Forwarded-For must name the client's IP address.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isAddress(String value) {
        if (value == null) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        // An IPv6 literal (perhaps with an embedded IPv4 part): only hex digits, colons and dots, with colons.
        return value.contains(":") && IPV6.matcher(value).matches() && value.chars().filter(c -> c == ':').count() <= 7
                && parses(value);
    }

    private static boolean parses(String literal) {
        try {
            // Only hex digits, colons and dots reach here: the JDK reads them as a literal, never a name to look up
            // (an IPv4-mapped literal comes back as an IPv4 address).
            InetAddress.getByName(literal);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
