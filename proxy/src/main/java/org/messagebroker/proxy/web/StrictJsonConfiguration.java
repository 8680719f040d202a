package org.messagebroker.proxy.web;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Client JSON is read strictly: a duplicate key, nesting deeper than a message needs, or a number where
 * text belongs is a 400, not a silent guess.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {

    static final int MAX_NESTING_DEPTH = 32;

    /** The same mapper outside Spring, for tests and benchmarks that must parse exactly as the proxy does. */
    public static JsonMapper strictMapper() {
        JsonFactoryBuilder factory = JsonFactory.builder();
        new StrictJsonConfiguration().strictParsing().customize(factory);
        JsonMapper.Builder mapper = JsonMapper.builder(factory.build());
        new StrictJsonConfiguration().noTextCoercion().customize(mapper);
        return mapper.build();
    }

    @Bean
    JsonFactoryBuilderCustomizer strictParsing() {
        return factory -> factory
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    @Bean
    JsonMapperBuilderCustomizer noTextCoercion() {
        return mapper -> mapper.withCoercionConfig(LogicalType.Textual, text -> text
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
