package com.zerolaghub.verticles.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zerolaghub.verticles.config.ProxyConfig;
import com.zerolaghub.verticles.testing.WiredNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Open IDE" on a laptop: with {@code infra.simCodeServer} naming a real code-server (the
 * environment variable {@code ZLH_CODE_SERVER}, e.g. the copy proxy/e2e/code-server-e2e.sh
 * installs at {@code $TMPDIR/zlh-code-server/node_modules/.bin/code-server}), a simulated dev
 * server runs it and the one-time link through the dev-host proxy opens the VS Code workbench.
 */
@DisplayName("A real code-server behind a simulated dev server")
class RealCodeServerThroughNodeTest {
  private static final String BINARY_VARIABLE = "ZLH_CODE_SERVER";

  @Test
  void theIdeLinkOpensTheRealWorkbenchAndStoppingTheServerOrTheNodeEndsCodeServer() throws Exception {
    String binary = System.getenv(BINARY_VARIABLE);
    assumeTrue(binary != null && !binary.isBlank(),
        "set " + BINARY_VARIABLE + " to a code-server binary (proxy/e2e/code-server-e2e.sh installs one) to run this test");
    Vertx vertx = Vertx.vertx();
    HttpClient browser = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    try (WiredNode node = WiredNode.start(Clock.systemUTC(), "http://127.0.0.1:9", Duration.ofDays(3), Duration.ofDays(7),
        ProxyConfig.builder().port(0).host("127.0.0.1").build(),
        c -> c.with(b -> b.infra(i -> i.simCodeServer(binary))))) {
      String token = node.signUp()[1];
      String serverId = runningDevServer(node, token);
      HttpResponse<String> issued = node.send(token, "POST", "/api/dev/" + serverId + "/ide-token", null);
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      URI link = URI.create(new JsonObject(issued.body()).getString("url"));
      String[] exchanged = get(browser, link, link.getRawPath() + "?" + link.getRawQuery(), null);
      assertThat(exchanged[0]).as(exchanged[2]).isEqualTo("302");
      String cookie = exchanged[1].split(";", 2)[0];

      // code-server needs a few seconds to listen; it may send "/" on to "./?folder=…"
      String path = "/";
      String[] page = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        page = get(browser, link, path, cookie);
        if (page[0].equals("200") && page[2].contains("vscode-workbench")) break;
        if (page[0].startsWith("30") && page[3] != null) {
          URI next = URI.create("http://ide" + path).resolve(page[3]);
          path = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        }
        Thread.sleep(250);
      }
      assertThat(page[0]).as(page[2]).isEqualTo("200");
      assertThat(page[2]).contains("vscode-workbench").doesNotContain("code-server stand-in");
      assertThat(codeServerProcesses()).as("code-server runs as the node's child").isNotEmpty();

      operation(node, token, node.send(token, "POST", "/api/servers/" + serverId + "/host/stop", null));
      assertThat(codeServerProcesses()).as("stopping the server ends code-server and its children").isEmpty();

      runningDevServer(node, token);
      long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (codeServerProcesses().isEmpty()) {
        assertThat(System.nanoTime()).as("a second dev server's code-server").isLessThan(deadline2);
        Thread.sleep(50);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(codeServerProcesses()).as("nothing left after the node stops with a dev server running").isEmpty();
  }

  private static List<ProcessHandle> codeServerProcesses() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("code-server")).toList();
  }

  private static String runningDevServer(WiredNode node, String token) throws Exception {
    JsonObject dev = new JsonObject().put("type", "dev").put("name", "ide-real-" + System.nanoTime() % 1000).put("runtime", "node").put("version", "20")
        .put("codeServer", true);
    HttpResponse<String> created = node.send(token, "POST", "/api/instances", dev);
    String serverId = new JsonObject(created.body()).getString("serverId");
    operation(node, token, created);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (node.servers.serverPorts().routeTable().current().byServerId(serverId).map(r -> !r.running()).orElse(true)) {
      assertThat(System.nanoTime()).as("route of " + serverId).isLessThan(deadline);
      Thread.sleep(50);
    }
    return serverId;
  }

  private static void operation(WiredNode node, String token, HttpResponse<String> accepted) throws Exception {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String operationId = new JsonObject(accepted.body()).getString("operationId");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      HttpResponse<String> op = node.send(token, "GET", "/api/operations/" + operationId, null);
      String status = new JsonObject(op.body()).getString("status");
      assertThat(status).as(op.body()).isNotEqualTo("failed");
      if ("succeeded".equals(status)) return;
      assertThat(System.nanoTime()).as("operation " + operationId + " still " + status).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** A browser's request on the link's host, sent to the dev-host proxy: status, Set-Cookie, body, Location. */
  private static String[] get(HttpClient browser, URI link, String path, String cookie) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setServer(SocketAddress.inetSocketAddress(link.getPort(), "127.0.0.1"))
        .setHost(link.getHost()).setPort(link.getPort()).setURI(path);
    if (cookie != null) options.putHeader("Cookie", cookie);
    return browser.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new String[] {String.valueOf(response.statusCode()),
            response.getHeader("Set-Cookie"), body.toString(), response.getHeader("Location")}))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
