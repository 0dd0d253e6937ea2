package dev.vigil.kafka;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets the broker's loggers to WARN. Kafka logs through SLF4J; whichever backend is bound here
 * (the JDK's or JBoss LogManager under Quarkus) takes its levels from java.util.logging.
 */
public final class QuietLogging {
    private static final String[] NOISY = {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"};
    // Strong references: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger[] KEPT = new Logger[NOISY.length];

    private QuietLogging() {
    }

    public static void apply() {
        for (int i = 0; i < NOISY.length; i++) {
            KEPT[i] = Logger.getLogger(NOISY[i]);
            KEPT[i].setLevel(Level.WARNING);
        }
    }
}
