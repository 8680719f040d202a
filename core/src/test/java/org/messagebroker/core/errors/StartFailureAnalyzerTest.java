package org.messagebroker.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartFailureAnalyzerTest {

    private final StartFailureAnalyzer analyzer = new StartFailureAnalyzer();

    @Test
    void describesTheCausesLeavingOutSpringsWrappers() {
        SQLException database = new SQLException("Connection to db:5432 refused",
                new ConnectException("Connection refused"));
        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("dataSource", "Error creating bean",
                new BeanCreationException("flyway", "Error creating bean", database)));

        assertThat(analysis.getDescription()).isEqualTo("Connection to db:5432 refused\nConnection refused");
        assertThat(analysis.getCause()).as("kept for the debug log").isNotNull();
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsKind() {
        assertThat(analyzer.analyze(new IllegalStateException()).getDescription()).isEqualTo("IllegalStateException");
    }
}
