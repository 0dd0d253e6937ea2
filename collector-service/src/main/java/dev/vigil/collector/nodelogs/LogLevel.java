package dev.vigil.collector.nodelogs;

/**
 * The {@code level} label values shared by both OSes, so one query filters errors on Linux and
 * Windows nodes alike.
 */
public enum LogLevel {
    CRITICAL("critical"), ERROR("error"), WARNING("warning"), INFO("info"), DEBUG("debug");

    private final String label;

    LogLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** syslog priority (0 emerg .. 7 debug): 0-2 critical, 3 error, 4 warning, 5-6 info, 7 debug. */
    public static LogLevel fromSyslogPriority(int priority) {
        if (priority <= 2) {
            return CRITICAL;
        }
        return switch (priority) {
            case 3 -> ERROR;
            case 4 -> WARNING;
            case 5, 6 -> INFO;
            default -> DEBUG;
        };
    }

    /** Windows event level: 1 critical, 2 error, 3 warning, 4 information, 5 verbose; 0 (LogAlways) is info. */
    public static LogLevel fromWindowsLevel(int level) {
        return switch (level) {
            case 1 -> CRITICAL;
            case 2 -> ERROR;
            case 3 -> WARNING;
            case 5 -> DEBUG;
            default -> INFO;
        };
    }
}
