import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Prints every request body POSTed to it: a webhook receiver for trying Vigil's alerts by hand.
 * Run with the JDK alone: {@code java tools/WebhookListener.java [port]} (default 9199).
 */
public class WebhookListener {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9199;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(Instant.now() + " " + ex.getRequestMethod() + " " + ex.getRequestURI() + "\n" + body);
            System.out.flush();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + port + "/");
    }
}
