package dev.vigil.alert.config.am;

/** An alertmanager.yml or rule file that cannot be used, with a message saying what is wrong. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
