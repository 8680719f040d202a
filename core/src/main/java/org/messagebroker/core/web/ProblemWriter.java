package org.messagebroker.core.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.messagebroker.core.errors.ProblemBody;
import org.messagebroker.core.errors.Refusal;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to a servlet response, for errors raised outside Spring MVC (filters). */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException {
        Refusal refusal = Refusal.of(status, detail);
        response.setStatus(status);
        response.setContentType(ProblemBody.CONTENT_TYPE);
        refusal.headers().forEach(response::setHeader);
        JSON.writeValue(response.getOutputStream(),
                ProblemBody.of(refusal, request.getRequestURI(), RequestIdFilter.of(request)));
    }
}
