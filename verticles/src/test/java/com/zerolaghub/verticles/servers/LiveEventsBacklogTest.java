package com.zerolaghub.verticles.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ResourcePlan;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Regression of the rolling-restart rehearsal: right after a node restart {@code /api/events} was
 * closed with 1013 every ~2 s although the portal read promptly, because a batch of events handed
 * over at once looked like a full write queue. Only a reader that stays behind is closed.
 */
@DisplayName("/api/events closes a reader that stays behind (1013), never a prompt reader of a burst")
class LiveEventsBacklogTest {
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

  /** Collects the text frames of one socket, reading each as soon as it arrives, and how it closed. */
  static final class PromptReader implements WebSocket.Listener {
    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    volatile Integer closeCode;
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

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode = statusCode;
      return null;
    }

    long ready() {
      return received.stream().filter(m -> "server.ready".equals(m.getString("event"))).count();
    }
  }

  @Test
  @DisplayName("a reader that reads promptly keeps its socket through a burst of 600 events appended at once")
  void aPromptReaderKeepsItsSocketThroughABurst() throws Exception {
    String owner = ServersNode.newUser();
    int closedBefore = node.servers.liveEvents().closedAsTooSlow();
    PromptReader reader = new PromptReader();
    WebSocket ws = http.newWebSocketBuilder().header(HeaderAuthentication.USER, owner)
        .buildAsync(URI.create("ws://127.0.0.1:" + node.platform.httpPort() + "/api/events"), reader)
        .get(10, TimeUnit.SECONDS);
    try {
      ServersNode.eventually("the subscription is confirmed", 10, () ->
          assertThat(reader.received).anyMatch(m -> "subscribed".equals(m.getString("type"))));
      appendServerLives(owner, 120); // 600 events in one transaction: the feed reads them in one batch

      ServersNode.eventually("every event of the burst arrives", 60, () -> {
        assertThat(reader.closeCode).as("close code").isNull();
        assertThat(reader.ready()).isEqualTo(120);
      });
      assertThat(reader.received).hasSize(1 + 600);
      assertThat(reader.closeCode).isNull();
      assertThat(node.servers.liveEvents().closedAsTooSlow()).isEqualTo(closedBefore);
    } finally {
      ws.abort();
    }
  }

  @Test
  @DisplayName("a reader that stops reading is closed with 1013 within a bounded time, with a bounded backlog on the node")
  void aStalledReaderIsClosedWith1013AndItsBacklogStaysBounded() throws Exception {
    String owner = ServersNode.newUser();
    LiveEventsSocket events = node.servers.liveEvents();
    int closedBefore = events.closedAsTooSlow();
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096); // before connecting: a small window, so the node feels it soon
      stalled.connect(new InetSocketAddress("127.0.0.1", node.platform.httpPort()), 5_000);
      stalled.setSoTimeout(30_000);
      upgrade(stalled, owner);
      // from here on the client reads nothing: the log grows until the node's socket buffers are
      // full and frames wait on the node (loopback absorbs a few MB first)
      long fillLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (events.pendingFrames() == 0 && System.nanoTime() < fillLimit) {
        appendServerLives(owner, 200);
        Thread.sleep(100);
      }
      assertThat(events.pendingFrames()).as("frames waiting for the stalled socket").isPositive();
      // then nothing drains: closed once the write queue stayed full for STALL_MS
      long full = System.nanoTime();
      int maxPending = 0;
      long limit = TimeUnit.MILLISECONDS.toNanos(LiveEventsOutbox.STALL_MS) + TimeUnit.SECONDS.toNanos(20);
      while (events.closedAsTooSlow() == closedBefore && System.nanoTime() - full < limit) {
        maxPending = Math.max(maxPending, events.pendingFrames());
        Thread.sleep(50);
      }
      assertThat(events.closedAsTooSlow()).as("closed as too slow within %d s of its queue being full",
          TimeUnit.NANOSECONDS.toSeconds(limit)).isEqualTo(closedBefore + 1);
      assertThat(maxPending).as("frames held for the stalled socket").isLessThanOrEqualTo(LiveEventsOutbox.MAX_PENDING);
      ServersNode.eventually("its backlog is released", 10, () -> assertThat(events.pendingFrames()).isZero());

      // reading again, the client finds the frames the node had sent, then the close frame: 1013
      assertThat(closeCodeAfterFrames(stalled.getInputStream())).isEqualTo(1013);
    }
  }

  /** Appends {@code servers} complete server lives (requested … ready, 5 events each) in one transaction. */
  private static void appendServerLives(String owner, int servers) throws Exception {
    EventStore store = node.platform.context().store();
    Instant at = Instant.now();
    List<StreamAppend> appends = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      String id = UUID.randomUUID().toString();
      String op = "op-" + id;
      int vmid = 200_000 + Math.floorMod(id.hashCode(), 700_000);
      List<NewEvent> life = new ArrayList<>();
      for (ServerEvent e : List.<ServerEvent>of(
          new ServerEvent.ServerRequested(id, owner, op, new ServerSpec.Game("burst", "vanilla", "g4"),
              new ResourcePlan("g4", 4096, 2, 20), 9000, at),
          new ServerEvent.ProvisioningStepCompleted(id, op, ProvisioningPhase.ALLOCATE_VMID, vmid, null, null, null, null, at),
          new ServerEvent.ProvisioningStepStarted(id, op, ProvisioningPhase.CLONE, vmid, 9000, "burst-" + vmid, null, null, at),
          new ServerEvent.ProvisioningStepCompleted(id, op, ProvisioningPhase.START_CONTAINER, null, null, "10.9.0.1", null, null, at),
          new ServerEvent.ServerReady(id, op, at))) {
        life.add(NewEvent.of(e, EventMetadata.system("test:burst")));
      }
      appends.add(new StreamAppend(StreamId.of("server", id), ExpectedVersion.NO_STREAM, life));
    }
    store.appendAtomically(appends).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A WebSocket handshake by hand, so the test decides when (and whether) the client reads. */
  private static void upgrade(Socket socket, String user) throws Exception {
    String request = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + HeaderAuthentication.USER + ": " + user + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new EOFException("no handshake answer: " + head);
      head.write(b);
    }
    assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
  }

  /** Reads (unmasked) server frames until a close frame; answers its status code. */
  private static int closeCodeAfterFrames(InputStream raw) throws Exception {
    DataInputStream in = new DataInputStream(raw);
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0F;
      int len = in.readUnsignedByte() & 0x7F;
      long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
      byte[] payload = in.readNBytes((int) length);
      if (opcode == 0x8) return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }
  }
}
