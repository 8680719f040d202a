package org.messagebroker.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What a page shows when the server refuses: an expired or revoked session goes back to the login page
 * with a notice; 400, 403 and 404 get their pages with the server's words; anything else the error page.
 * A value the page itself cannot read (a page number that is not a number) is a 400 page too.
 */
@ControllerAdvice
class ServerErrorAdvice {

    @ExceptionHandler(ServerApi.ApiException.class)
    String serverRefused(ServerApi.ApiException e, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (e.status() == 401) {
            SecurityContextHolder.clearContext();
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            return "redirect:/login?expired";
        }
        int status = e.status() == 400 || e.status() == 403 || e.status() == 404 ? e.status() : 500;
        response.setStatus(status);
        model.addAttribute("detail", e.getMessage());
        return "error/" + status;
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String unreadableValue(Exception e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("detail", e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getName() + "' must be " + (isNumber(mismatch.getRequiredType()) ? "a whole number"
                        : "one of the values the page offers")
                : "A value the page needs is missing.");
        return "error/400";
    }

    private static boolean isNumber(Class<?> type) {
        return type != null && (type.isPrimitive() || Number.class.isAssignableFrom(type));
    }
}
