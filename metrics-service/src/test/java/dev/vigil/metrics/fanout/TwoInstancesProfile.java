package dev.vigil.metrics.fanout;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** Four partitions and a fixed advertised port, for tests with a second instance. */
public class TwoInstancesProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class, Map.of("partitions", "4")),
                new TestResourceEntry(FixedPortResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
