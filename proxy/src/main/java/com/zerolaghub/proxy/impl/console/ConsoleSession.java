package com.zerolaghub.proxy.impl.console;

import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import com.zerolaghub.core.infra.agent.AgentPort;
import com.zerolaghub.proxy.ProxyMetrics;
import com.zerolaghub.proxy.console.ConsoleEnd;
import com.zerolaghub.proxy.console.ConsoleOptions;
import com.zerolaghub.proxy.console.ConsoleStatus;
import com.zerolaghub.proxy.impl.OnContext;
import com.zerolaghub.proxy.routing.ConsoleTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser console bridged to one agent console. Confined to the client socket's context;
 * {@link #endFromAnyThread} is the only entry from elsewhere.
 */
final class ConsoleSession {
  private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);
  private static final Buffer PING = Buffer.buffer("zlh");
  private static final long MIN_TICK_MILLIS = 10;

  private final Vertx vertx;
  private final Context context;
  private final ServerWebSocket client;
  private final ConsoleTarget target;
  private final ConsoleOptions options;
  private final ProxyMetrics metrics;
  private final Consumer<ConsoleSession> onEnd;
  private final MessageRate rate;

  private WebSocket agent;
  private boolean ended;
  private boolean clientClosed;
  private boolean agentClosed;
  private long connectTimer = -1;
  private long tickTimer = -1;
  private long lastClientSign;
  private long lastAgentSign;
  private long lastData;
  private long lastPing;
  private int messageBytes;

  ConsoleSession(Vertx vertx, ServerWebSocket client, ConsoleTarget target, ConsoleOptions options,
      ProxyMetrics metrics, Consumer<ConsoleSession> onEnd) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.target = target;
    this.options = options;
    this.metrics = metrics;
    this.onEnd = onEnd;
    long now = System.nanoTime();
    this.rate = new MessageRate(options.maxMessagesPerSecond(), options.burstMessages(), now);
    this.lastClientSign = now;
    this.lastAgentSign = now;
    this.lastData = now;
    this.lastPing = now;
  }

  String serverId() {
    return target.serverId();
  }

  String ownerId() {
    return target.ownerId();
  }

  /** Says {@code connecting}, then opens the agent's console within the connect timeout. */
  void start(AgentPort agents) {
    metrics.opened(ProxyMetrics.Kind.CONSOLE);
    client.pause(); // input waits for the agent
    client.closeHandler(v -> {
      clientClosed = true;
      end(ConsoleEnd.CLOSED);
    });
    client.exceptionHandler(e -> log.debug("console client {} failed: {}", target.serverId(), e.toString()));
    client.pongHandler(pong -> lastClientSign = System.nanoTime());
    client.frameHandler(this::fromClient);
    client.writeTextMessage(ConsoleStatus.of(ConsoleStatus.CONNECTING).encode());
    if (target.suspended()) {
      end(ConsoleEnd.SUSPENDED);
      return;
    }
    connectTimer = vertx.setTimer(options.connectTimeout().toMillis(), id -> end(ConsoleEnd.TIMEOUT));
    // the agent socket lives on this context when opened from it; the answer is brought back here regardless
    Future<WebSocket> opening = OnContext.of(context, agents.openConsole(target.agent()));
    opening.onComplete(result -> {
      vertx.cancelTimer(connectTimer);
      if (result.failed()) {
        end(isTimeout(result.cause()) ? ConsoleEnd.TIMEOUT : ConsoleEnd.AGENT_UNREACHABLE);
        log.debug("console agent {} not reached: {}", target.serverId(), result.cause().toString());
      } else if (ended) {
        result.result().close(); // opened after the deadline or the client left: nobody owns it
      } else {
        attach(result.result());
      }
    });
  }

  /** Ends with {@code end}'s status and close code, from any thread. */
  void endFromAnyThread(ConsoleEnd end) {
    context.runOnContext(v -> end(end));
  }

  private void attach(WebSocket socket) {
    agent = socket;
    agent.closeHandler(v -> {
      agentClosed = true;
      Short code = agent.closeStatusCode();
      end(code != null && code == 1000 ? ConsoleEnd.CLOSED : ConsoleEnd.AGENT_ERROR);
    });
    agent.exceptionHandler(e -> log.debug("console agent {} failed: {}", target.serverId(), e.toString()));
    agent.pongHandler(pong -> lastAgentSign = System.nanoTime());
    agent.frameHandler(this::fromAgent);
    client.writeTextMessage(ConsoleStatus.of(ConsoleStatus.CONNECTED).encode());
    long now = System.nanoTime();
    lastClientSign = now;
    lastAgentSign = now;
    lastData = now;
    lastPing = now;
    tickTimer = vertx.setPeriodic(tickMillis(), id -> tick());
    agent.resume(); // the scrollback replay comes first
    client.resume();
  }

  private void fromAgent(WebSocketFrame frame) {
    if (ended || !isData(frame)) {
      return;
    }
    long now = System.nanoTime();
    lastAgentSign = now;
    lastData = now;
    forward(frame, agent, client);
  }

  private void fromClient(WebSocketFrame frame) {
    if (ended || !isData(frame)) {
      return;
    }
    long now = System.nanoTime();
    lastClientSign = now;
    lastData = now;
    messageBytes += frame.binaryData().length();
    if (messageBytes > options.maxMessageBytes()) {
      end(ConsoleEnd.THROTTLED_SIZE);
      return;
    }
    if (frame.isFinal()) {
      messageBytes = 0;
      if (!rate.tryTake(now)) {
        end(ConsoleEnd.THROTTLED_RATE);
        return;
      }
    }
    forward(frame, client, agent);
  }

  /** Writes to {@code to}; pauses {@code from} while {@code to}'s write queue is full. */
  private void forward(WebSocketFrame frame, WebSocketBase from, WebSocketBase to) {
    to.writeFrame(frame);
    if (to.writeQueueFull()) {
      from.pause();
      to.drainHandler(v -> {
        if (!ended) {
          from.resume();
        }
      });
    }
  }

  private void tick() {
    long now = System.nanoTime();
    if (now - lastData > options.idleTimeout().toNanos()) {
      end(ConsoleEnd.IDLE);
    } else if (now - lastClientSign > options.heartbeatTimeout().toNanos()
        || now - lastAgentSign > options.heartbeatTimeout().toNanos()) {
      end(ConsoleEnd.TIMEOUT);
    } else if (now - lastPing >= options.heartbeatInterval().toNanos()) {
      lastPing = now;
      client.writePing(PING);
      agent.writePing(PING);
    }
  }

  private void end(ConsoleEnd end) {
    if (ended) {
      return;
    }
    ended = true;
    vertx.cancelTimer(connectTimer);
    vertx.cancelTimer(tickTimer);
    if (!clientClosed) {
      client.writeTextMessage(end.status().encode());
      client.close(end.closeCode(), end.closeReason());
    }
    if (agent != null && !agentClosed) {
      agent.close((short) 1000, "console closed");
    }
    metrics.closed(ProxyMetrics.Kind.CONSOLE);
    onEnd.accept(this);
    log.debug("console {} ended: {}", target.serverId(), end);
  }

  private long tickMillis() {
    long shortest = Math.min(options.heartbeatInterval().toMillis(),
        Math.min(options.heartbeatTimeout().toMillis(), options.idleTimeout().toMillis()));
    return Math.max(MIN_TICK_MILLIS, shortest / 2);
  }

  private static boolean isData(WebSocketFrame frame) {
    return frame.isText() || frame.isBinary() || frame.isContinuation();
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutsideSystemTimeoutException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
