package dev.vigil.logstore;

/** Order in which a cursor returns entries: oldest first or newest first. */
public enum Direction {
    FORWARD, BACKWARD
}
