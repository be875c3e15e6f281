package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/events pushes each user's own server changes as they are recorded")
class LiveEventsTest {
  private static ServersNode node;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    node = ServersNode.start();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** Collects the text frames of one socket. */
  static final class Frames implements WebSocket.Listener {
    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    List<String> events(String serverId) {
      return received.stream().filter(m -> serverId.equals(m.getString("serverId"))).map(m -> m.getString("event")).toList();
    }
  }

  private WebSocket open(Frames frames, String user, boolean admin) throws Exception {
    WebSocket.Builder b = http.newWebSocketBuilder();
    if (user != null) b.header(HeaderAuthentication.USER, user);
    if (admin) b.header(HeaderAuthentication.ADMIN, "true");
    WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + node.platform.httpPort() + "/api/events"), frames)
        .get(10, TimeUnit.SECONDS);
    ServersNode.eventually("the subscription is confirmed", 5, () ->
        assertThat(frames.received).anyMatch(m -> "subscribed".equals(m.getString("type"))));
    return ws;
  }

  @Test
  @DisplayName("the owner sees their server go from requested to ready; another user sees none of it; an admin sees it")
  void ownerAndAdminSeeChangesOthersDoNot() throws Exception {
    String owner = ServersNode.newUser();
    Frames mine = new Frames();
    Frames theirs = new Frames();
    Frames admin = new Frames();
    WebSocket a = open(mine, owner, false);
    WebSocket b = open(theirs, ServersNode.newUser(), false);
    WebSocket c = open(admin, "operator", true);
    try {
      JsonObject accepted = node.create(owner, ServersNode.dev("live", false));
      String serverId = accepted.getString("serverId");
      ServersNode.eventually("the owner hears the server become ready", 20, () ->
          assertThat(mine.events(serverId)).contains("server.requested", "server.provisioning-step-started", "server.ready"));
      JsonObject ready = mine.received.stream()
          .filter(m -> "server.ready".equals(m.getString("event"))).findFirst().orElseThrow();
      assertThat(ready.getJsonObject("operation").getString("status")).isEqualTo("succeeded");
      assertThat(ready.getJsonObject("operation").getString("operationId")).isEqualTo(accepted.getString("operationId"));
      ServersNode.eventually("the admin hears it too", 5, () -> assertThat(admin.events(serverId)).contains("server.ready"));
      assertThat(theirs.events(serverId)).isEmpty();
      assertThat(mine.received.toString()).doesNotContain("agentToken").doesNotContain("127.");
    } finally {
      a.abort();
      b.abort();
      c.abort();
    }
  }

  @Test
  @DisplayName("the upgrade needs a signed-in caller")
  void anonymousUpgradeIsRefused() {
    assertThat(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + node.platform.httpPort() + "/api/events"),
            new Frames()))
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
  }

}
