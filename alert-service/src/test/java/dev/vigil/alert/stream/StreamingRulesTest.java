package dev.vigil.alert.stream;

import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.RuleDefinition;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.alert.rules.RuleGroupDefinition;
import dev.vigil.alert.rules.RuleTemplates;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import dev.vigil.model.tenant.Tenants;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which queries the streaming side answers on a real broker: a streamed rule's expression for the
 * rule's own tenant from the store (its samples, another tenant's not), the same expression asked
 * for another tenant (a template's {@code query}, a recording rule) and every other expression
 * from the query API; and a group is evaluated when a sample of its series arrives.
 */
class StreamingRulesTest {
    @Test
    void answersStreamedExpressionsForTheirOwnTenantOnly() throws Exception {
        try (TestKafka kafka = TestKafka.start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), 2);
            RuleGroupDefinition def = new RuleGroupDefinition("g", Optional.empty(), 0, List.of(
                    new RuleDefinition.Alerting("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of())));
            RuleGroup teamA = new RuleGroup(def, "team-a", Duration.ofSeconds(15), RuleGroup.DEFAULT_RESEND_DELAY,
                    new RuleTemplates(Map.of(), ""), "");
            List<RuleGroup> evaluated = new java.util.concurrent.CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            List<String> remote = new ArrayList<>();
            QueryFunction api = (expr, t) -> {
                remote.add(expr);
                return List.of(new VectorSample(Labels.of("from", "api"), 1));
            };
            try (StreamingRules s = new StreamingRules(List.of(teamA), new StreamingSettings(300_000, 600_000, 1000, 60_000),
                    KafkaClientConfig.of(kafka.bootstrapServers()), pool, evaluated::add, Clock.systemUTC())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!s.ready() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(s.ready());
                assertEquals(1, s.streamedRules(teamA).cardinality());
                Labels up = Labels.of(Labels.METRIC_NAME, "up", "instance", "a");
                long now = System.currentTimeMillis();
                for (String tenant : List.of("team-a", "team-b")) {
                    byte[] record = MetricCodec.encode(List.of(new MetricSeries(Tenants.stamp(up, tenant), List.of(new Sample(now, 0)))));
                    producer.send(new ProducerRecord<>(Topics.METRICS, record)).get();
                }
                while (evaluated.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(teamA, evaluated.get(0), "the group is evaluated when its series gets a sample");

                Instant at = Instant.ofEpochMilli(now + 1);
                List<VectorSample> local = s.queries(api, "team-a").query("up == 0", at);
                assertEquals(List.of(new VectorSample(up, 0)), local, "team-a's own sample, from the store");
                assertEquals(List.of(), remote);
                s.queries(api, "team-b").query("up == 0", at);
                s.queries(api, "team-a").query("up == 1", at);
                assertEquals(List.of("up == 0", "up == 1"), remote, "another tenant, another expression: the query API");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
