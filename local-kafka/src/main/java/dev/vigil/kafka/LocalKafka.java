package dev.vigil.kafka;

import dev.vigil.model.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started
 * from Kafka's own jars: no Docker, no ZooKeeper. The data folder is formatted once and reused, so
 * a restart keeps every topic and record.
 */
public final class LocalKafka implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final int securedPort;
    private final KafkaRaftServer server;

    private LocalKafka(Path dataDir, int port, int securedPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.securedPort = securedPort;
        this.server = server;
    }

    /**
     * A SASL_SSL listener beside the plain one, as a secured production cluster offers: TLS with
     * the key in {@code keyStore} (PKCS12), SCRAM-SHA-512 login for each of {@code users} (name to
     * password), created through the plain listener once the broker runs.
     */
    public record SaslSslListener(Path keyStore, String keyStorePassword, Map<String, String> users) {
        public static final String MECHANISM = "SCRAM-SHA-512";
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker on 127.0.0.1:{@code port} (0 picks a
     * free port) and waits until it answers.
     */
    public static LocalKafka start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /** As {@link #start(Path, int)}, with a SASL_SSL listener on a free port when {@code secured} is given. */
    public static LocalKafka start(Path dataDir, int port, SaslSslListener secured) {
        try {
            Files.createDirectories(dataDir);
            int brokerPort = port == 0 ? freePort() : port;
            int ctrlPort = freePort();
            Path logDir = dataDir.resolve("kraft-logs");
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
            int securedPort = secured == null ? -1 : freePort();
            String plain = "PLAINTEXT://127.0.0.1:" + brokerPort;
            String advertised = secured == null ? plain : plain + ",SASL_SSL://127.0.0.1:" + securedPort;
            p.put("listeners", advertised + ",CONTROLLER://127.0.0.1:" + ctrlPort);
            p.put("advertised.listeners", advertised);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
            if (secured != null) {
                String l = "listener.name.sasl_ssl.";
                p.put(l + "sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
                p.put(l + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                p.put(l + "ssl.keystore.location", secured.keyStore().toString());
                p.put(l + "ssl.keystore.password", secured.keyStorePassword());
                p.put(l + "ssl.key.password", secured.keyStorePassword());
                p.put(l + "ssl.keystore.type", "PKCS12");
            }
            p.put("log.dirs", logDir.toString());
            p.put("num.partitions", "1");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.flush.interval.messages", "1");  // a kill -9 of the run must not lose acknowledged records
            p.put("auto.create.topics.enable", "true");
            KafkaConfig config = new KafkaConfig(p, false);
            format(logDir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(dataDir, brokerPort, securedPort, server);
            kafka.awaitReady(Duration.ofSeconds(60));
            if (secured != null) {
                kafka.addScramUsers(secured.users());
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data folder " + dataDir, e);
        }
    }

    private static void format(Path logDir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId("vigil-local-kafka-0001")
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format KRaft storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_SSL listener's address; only when started with a {@link SaslSslListener}. */
    public String securedBootstrapServers() {
        if (securedPort < 0) {
            throw new IllegalStateException("this broker has no SASL_SSL listener");
        }
        return "127.0.0.1:" + securedPort;
    }

    private void addScramUsers(Map<String, String> users) {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        users.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("cannot create SCRAM users " + users.keySet() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while creating SCRAM users", e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates every Vigil topic that does not exist yet, with {@code partitions} partitions each. */
    public void createVigilTopics(int partitions) {
        createVigilTopics(bootstrapServers(), partitions);
    }

    /** The offset the next record of a partition will get (its end), on any cluster. */
    public static long endOffset(String bootstrapServers, String topic, int partition) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicPartition tp = new TopicPartition(topic, partition);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        }
    }

    /** The offset a consumer group committed for a partition, -1 when it committed none. */
    public static long committedOffset(String bootstrapServers, String group, String topic, int partition)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, partition));
            return o == null ? -1 : o.offset();
        }
    }

    /** As {@link #createVigilTopics(int)}, against any cluster (replication factor 1). */
    public static void createVigilTopics(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (Topics.TopicSpec spec : Topics.ALL) {
                if (!existing.contains(spec.name())) {
                    NewTopic t = new NewTopic(spec.name(), partitions, (short) 1);
                    if (spec.compacted()) {
                        t.configs(Map.of("cleanup.policy", "compact"));
                    }
                    topics.add(t);
                }
            }
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Vigil topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not become ready within " + timeout, last);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
