package org.messagebroker.core.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Errors that Tomcat answers itself, before any application code runs (a malformed path, an encoded
 * slash), as problem details like every other error, instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"The request was refused before it reached the application.\",\"error\":\""
                + Problems.codeFor(status) + "\",\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone; nothing more to tell it.
        }
    }
}
