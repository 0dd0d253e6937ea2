package dev.vigil.diagnostics.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry on loopback speaking the distribution API's read side with real registry answers
 * (test resources {@code registry/}): Docker Hub's {@code hello-world:nanoserver} list, manifest
 * and config anonymously, and a Linux-only list under {@code team/linux-tool:1.0} behind Docker
 * Hub's token flow (401 with a Bearer challenge, a token service that wants Basic credentials).
 */
public final class RegistryStub implements AutoCloseable {
    public static final String USER = "ci-bot";
    public static final String PASSWORD = "s3cret-pull";
    private static final String TOKEN = "stub-token-1";

    private final HttpServer server;
    /** Authorization headers the stub received, by path, so tests can check what was sent where. */
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    public RegistryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** host:port, as an image reference names the registry. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(path + " " + (auth == null ? "-" : auth));
        Map<String, String> anonymous = Map.of(
                "/v2/library/hello-world/manifests/nanoserver", "hello-world-nanoserver.list.json",
                "/v2/library/hello-world/manifests/sha256:63c287625c2b0b72900e562de73c0e381472a83b1b39217aef3856cd398eca0b",
                "hello-world-nanoserver.manifest.json",
                "/v2/library/hello-world/blobs/sha256:bc5d255ea81f83c8c38a982a6d29a6f2198427d258aea5f166e49856896b2da6",
                "hello-world-nanoserver.config.json");
        if (anonymous.containsKey(path)) {
            send(ex, 200, resource(anonymous.get(path)));
        } else if (path.equals("/token")) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (expected.equals(auth) && String.valueOf(ex.getRequestURI().getRawQuery()).contains("scope=repository%3Ateam%2Flinux-tool%3Apull")) {
                send(ex, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8));
            } else {
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
            }
        } else if (path.equals("/v2/team/linux-tool/manifests/1.0")) {
            if (("Bearer " + TOKEN).equals(auth)) {
                send(ex, 200, resource("hello-world-linux.list.json"));
            } else {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host()
                        + "/token\",service=\"stub\",scope=\"repository:team/linux-tool:pull\"");
                send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
            }
        } else {
            send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = RegistryStub.class.getResourceAsStream("/registry/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
