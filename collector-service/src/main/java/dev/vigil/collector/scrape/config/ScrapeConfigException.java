package dev.vigil.collector.scrape.config;

/** A scrape configuration file that cannot be used, with where and why. */
public final class ScrapeConfigException extends Exception {
    public ScrapeConfigException(String message) {
        super(message);
    }
}
