package dev.vigil.diagnostics.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.Json;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks an OCI distribution registry (Docker Hub, MCR, registry.k8s.io, a private one) which
 * platforms an image has: the manifest by tag or digest, accepting an OCI index or Docker manifest
 * list (each entry's {@code platform}) or a single manifest (its config blob's {@code os},
 * {@code architecture}, {@code os.version}). Anonymous first; on 401 it follows the registry's
 * challenge: a Bearer token from the realm it names (with the Docker config's credentials for that
 * registry when there are some), or Basic. Answers are cached for the client's life (one run).
 */
public final class RegistryClient implements ImagePlatforms {
    private static final Logger LOG = Logger.getLogger(RegistryClient.class);
    static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final Duration timeout;
    private final RegistryCredentials credentials;
    private final Set<String> plainHttp;
    private final Map<String, Optional<List<Platform>>> cache = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    public RegistryClient(Duration timeout, RegistryCredentials credentials, Set<String> plainHttp) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.credentials = credentials;
        this.plainHttp = Set.copyOf(plainHttp);
    }

    @Override
    public Optional<List<Platform>> platforms(String image) {
        return cache.computeIfAbsent(image, this::resolve);
    }

    private Optional<List<Platform>> resolve(String image) {
        try {
            ImageRef ref = ImageRef.parse(image);
            JsonNode manifest = get(ref, "/manifests/" + ref.reference(), ACCEPT);
            if (manifest.has("manifests")) {
                List<Platform> out = new ArrayList<>();
                for (JsonNode m : manifest.path("manifests")) {
                    JsonNode p = m.path("platform");
                    // attestation manifests of buildx are listed as unknown/unknown
                    if (p.isObject() && !"unknown".equals(p.path("os").asText())) {
                        out.add(new Platform(p.path("os").asText(), p.path("architecture").asText(), p.path("os.version").asText("")));
                    }
                }
                return Optional.of(out);
            }
            String configDigest = manifest.path("config").path("digest").asText("");
            if (configDigest.isEmpty()) {
                return Optional.empty();
            }
            JsonNode config = get(ref, "/blobs/" + configDigest, "*/*");
            return Optional.of(List.of(new Platform(config.path("os").asText(), config.path("architecture").asText(),
                    config.path("os.version").asText(""))));
        } catch (IOException | IllegalArgumentException e) {
            LOG.debugf("platforms of %s not found: %s", image, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private JsonNode get(ImageRef ref, String path, String accept) throws IOException, InterruptedException {
        URI uri = URI.create(scheme(ref.registry()) + "://" + ref.registry() + "/v2/" + ref.repository() + path);
        String key = ref.registry() + "/" + ref.repository();
        HttpResponse<byte[]> r = send(uri, accept, authorizations.get(key));
        if (r.statusCode() == 401) {
            String auth = authorize(ref, r.headers().firstValue("WWW-Authenticate").orElse(""));
            authorizations.put(key, auth);
            r = send(uri, accept, auth);
        }
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<byte[]> send(URI uri, String accept, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The Authorization header the registry's challenge asks for. */
    private String authorize(ImageRef ref, String challenge) throws IOException, InterruptedException {
        Optional<String> basic = credentials.basic(ref.registry());
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic.orElseThrow(() -> new IOException(ref.registry() + " asks for credentials and the auth file has none"));
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IOException(ref.registry() + " answered 401 with no challenge Vigil can follow");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new IOException(ref.registry() + " named no token realm");
        }
        StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        if (params.containsKey("service")) {
            q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        q.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", "repository:" + ref.repository() + ":pull"),
                StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = send(URI.create(q.toString()), "application/json", basic.orElse(null));
        if (r.statusCode() != 200) {
            throw new IOException("token service of " + ref.registry() + " answered " + r.statusCode());
        }
        JsonNode body = Json.MAPPER.readTree(r.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new IOException("token service of " + ref.registry() + " gave no token");
        }
        return "Bearer " + token;
    }

    private String scheme(String registry) {
        return plainHttp.contains(registry) ? "http" : "https";
    }
}
