package dev.vigil.auth;

import java.util.Locale;

/** What a token may do: {@code read} queries, {@code write} ingests and posts alerts, {@code admin} changes state. */
public enum Scope {
    READ, WRITE, ADMIN;

    /** The scope named {@code s} (case-insensitive). */
    static Scope of(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
