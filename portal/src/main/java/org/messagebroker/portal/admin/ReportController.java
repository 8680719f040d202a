package org.messagebroker.portal.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.portal.session.PortalUser;
import org.messagebroker.portal.session.ServerApi;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/** The admin's message report: a period of days, one client or all, as a page with a chart or as CSV. */
@Controller
class ReportController {

    private final ServerApi server;

    ReportController(ServerApi server) {
        this.server = server;
    }

    @GetMapping("/admin/reports")
    String report(@AuthenticationPrincipal PortalUser user, Model model, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(name = "client_id", required = false) String clientId) {
        JsonNode report = server.get("/admin/reports/messages", query(from, to, clientId), user.accessToken());
        model.addAttribute("report", report);
        model.addAttribute("user", user);
        return "admin/reports";
    }

    @GetMapping("/admin/reports.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal PortalUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(name = "client_id", required = false) String clientId) {
        byte[] csv = server.raw("/admin/reports/messages.csv", query(from, to, clientId), user.accessToken());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"message-report.csv\"").body(csv);
    }

    private static Map<String, String> query(String from, String to, String clientId) {
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "from", from);
        put(query, "to", to);
        put(query, "client_id", clientId);
        return query;
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value);
        }
    }
}
