package org.messagebroker.core.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.messagebroker.core.errors.ProblemBody;
import org.messagebroker.core.errors.Refusal;
import org.messagebroker.core.errors.RequestIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that Tomcat answers itself, before any application code runs (a malformed path, an encoded
 * slash), as problem details like every other error, instead of Tomcat's HTML page. No filter ran, so
 * the request gets its id here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        String requestId = RequestIds.next();
        Refusal refusal = Refusal.of(status, "The request was refused before it reached the application.");
        try {
            response.setContentType(ProblemBody.CONTENT_TYPE);
            response.setHeader(RequestIdFilter.HEADER, requestId);
            response.getOutputStream().write(JSON.writeValueAsBytes(ProblemBody.of(refusal, null, requestId)));
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone; nothing more to tell it.
        }
    }
}
