package dev.vigil.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for plain (non-Quarkus) tests: one fresh broker per test class, with Vigil's
 * topics; inject it as a {@link TestKafka} parameter.
 */
public class KafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        TestKafka kafka = TestKafka.start();
        LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
        context.getStore(NS).put("kafka", kafka);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestKafka kafka = context.getStore(NS).remove("kafka", TestKafka.class);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).get("kafka", TestKafka.class);
    }
}
