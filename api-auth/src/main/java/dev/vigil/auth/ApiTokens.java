package dev.vigil.auth;

import dev.vigil.model.tenant.Tenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens a service accepts and what each grants. Written one per line (or separated by
 * commas) as {@code <token> [scope ...] [tenant=<id>]}: a token without scopes grants all of them;
 * a token with a tenant acts only for that tenant (with tenancy on), one without may name any in
 * {@code X-Scope-OrgID} (an operator's or a service's token). Several tokens may be valid at once
 * so they can be rotated. Tokens are compared in constant time.
 */
public final class ApiTokens {
    /** What one token grants: scopes, and the one tenant it is bound to, if any. */
    public record Grant(Set<Scope> scopes, Optional<String> tenant) {
        Grant merge(Grant other) {
            Set<Scope> u = EnumSet.copyOf(scopes);
            u.addAll(other.scopes);
            if (!tenant.equals(other.tenant)) {
                throw new IllegalArgumentException("a token is written twice with different tenants");
            }
            return new Grant(u, tenant);
        }
    }

    private final Map<String, Grant> tokens;

    private ApiTokens(Map<String, Grant> tokens) {
        this.tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens)); // in the order written: first() is the first
    }

    /** No tokens: authentication is off. */
    public static final ApiTokens NONE = new ApiTokens(Map.of());

    /** @throws IllegalArgumentException when a scope is unknown or a tenant ID invalid */
    public static ApiTokens parse(String text) {
        Map<String, Grant> out = new LinkedHashMap<>();
        for (String line : text.split("[\\n,]")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            Optional<String> tenant = Optional.empty();
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith("tenant=")) {
                    tenant = Optional.of(Tenants.of(parts[i].substring("tenant=".length())));
                    continue;
                }
                try {
                    scopes.add(Scope.of(parts[i]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown scope \"" + parts[i] + "\" (read, write or admin) for a token");
                }
            }
            out.merge(parts[0], new Grant(scopes.isEmpty() ? EnumSet.allOf(Scope.class) : scopes, tenant), Grant::merge);
        }
        return new ApiTokens(out);
    }

    /** Tokens from both sources together. */
    public ApiTokens and(ApiTokens other) {
        Map<String, Grant> out = new LinkedHashMap<>(tokens);
        other.tokens.forEach((t, g) -> out.merge(t, g, Grant::merge));
        return new ApiTokens(out);
    }

    /**
     * The tokens of {@code vigil.auth.tokens} ({@code inline}) and {@code vigil.auth.tokens-file}
     * together, as every service configures them.
     */
    public static ApiTokens configured(Optional<String> inline, Optional<String> file) {
        ApiTokens t = inline.filter(s -> !s.isBlank()).map(ApiTokens::parse).orElse(NONE);
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                t = t.and(parse(Files.readString(Path.of(file.get()))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read vigil.auth.tokens-file " + file.get(), e);
            }
        }
        return t;
    }

    /**
     * The first token written that is bound to no tenant, for a service to send when it calls
     * another (it names the tenant it acts for in the header).
     */
    public Optional<String> first() {
        return tokens.entrySet().stream().filter(e -> e.getValue().tenant().isEmpty()).map(Map.Entry::getKey).findFirst();
    }

    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /** The scopes an {@code Authorization} header value grants, as {@link #grant}. */
    public Optional<Set<Scope>> scopes(String authorization) {
        return grant(authorization).map(Grant::scopes);
    }

    /**
     * What an {@code Authorization} header value grants: {@code Bearer <token>}, or {@code Basic}
     * with the token as password (amtool, Promtail and Grafana all can send that); empty when it
     * grants nothing.
     */
    public Optional<Grant> grant(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String presented;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userPass = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = userPass.indexOf(':');
                presented = colon < 0 ? userPass : userPass.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            return Optional.empty();
        }
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Grant found = null;
        for (Map.Entry<String, Grant> e : tokens.entrySet()) {
            // every token is compared, and each in constant time: timing tells nothing about which matched
            if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
