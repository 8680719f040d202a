package org.messagebroker.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a page shows when the server refuses: an expired or revoked session goes back to the login page
 * with a notice; 403 and 404 get their pages; anything else the error page with the server's words.
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
        int status = e.status() == 403 || e.status() == 404 ? e.status() : 500;
        response.setStatus(status);
        model.addAttribute("detail", e.getMessage());
        return "error/" + status;
    }
}
