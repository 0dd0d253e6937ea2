package dev.vigil.logql;

/** Order in which a log query returns entries: oldest first or newest first (Loki's default). */
public enum Direction {
    FORWARD, BACKWARD
}
