package dev.vigil.alert.rest;

import dev.vigil.alert.config.am.ConfigException;
import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.model.LabelMatcher;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/** The {@code filter} query parameters of the v2 API: Alertmanager matcher strings such as {@code severity=~"crit|warn"}. */
final class Filters {
    private Filters() {
    }

    /** @throws WebApplicationException 400 with the reason as a JSON string, as Alertmanager answers a bad filter */
    static List<LabelMatcher> parse(List<String> filter) {
        List<LabelMatcher> out = new ArrayList<>();
        if (filter == null) {
            return out;
        }
        for (String f : filter) {
            if (!f.isBlank()) {
                try {
                    out.addAll(MatcherParser.parseList(f));
                } catch (ConfigException e) {
                    throw badRequest(e.getMessage());
                }
            }
        }
        return out;
    }

    /** The 400 of Alertmanager's v2 API: the reason as a JSON string. */
    static WebApplicationException badRequest(String message) {
        String json = "\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return new WebApplicationException(Response.status(400).type(MediaType.APPLICATION_JSON).entity(json).build());
    }
}
