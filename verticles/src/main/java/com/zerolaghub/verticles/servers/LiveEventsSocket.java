package com.zerolaghub.verticles.servers;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.proxy.BrowserOrigins;
import com.zerolaghub.proxy.SessionSockets;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/events} upgraded to a WebSocket: the caller's own server and operation
 * changes as they are appended (admins: everyone's), one JSON text frame each. The first frame
 * is {@code {"type":"subscribed"}}. A client that stays behind (its write queue full and not
 * draining for a while, or too many events waiting) is closed (1013) rather than buffered without
 * bound; a burst read promptly is not ({@link LiveEventsOutbox}). A session cookie from a foreign
 * (or no) {@code Origin} is refused with 403 before the upgrade ({@link BrowserOrigins}).
 */
final class LiveEventsSocket {
  static final String PATH = "/api/events";
  /** Close code when the session that opened the socket ends (logout, password reset, an administrator). */
  static final short SIGNED_OUT = 4401;
  /** Close code when this node drains (RFC 6455 §7.4.1 "Service Restart"): reconnect, to another node. */
  static final short SERVICE_RESTART = 1012;
  static final ProblemType FOREIGN_ORIGIN = new ProblemType("origin-not-allowed", "Origin not allowed", 403);
  private final LiveFeed feed;
  private final BrowserOrigins origins;
  private final SessionSockets bySession;
  private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();
  private final Set<LiveEventsOutbox> outboxes = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tooSlow = new AtomicInteger();

  LiveEventsSocket(LiveFeed feed, BrowserOrigins origins, SessionSockets bySession) {
    this.feed = feed;
    this.origins = origins;
    this.bySession = bySession;
  }

  /**
   * Placed before the API's root handlers: they would let the request end, and a WebSocket
   * handshake needs it unread. It is still documented in the contract ({@code liveEvents}).
   */
  void install(Router router, Authentication auth) {
    router.get(PATH).order(-1000)
        .handler(ctx -> {
          ctx.request().pause();
          ctx.next();
        })
        .handler(this::checkOrigin)
        .handler(auth.required())
        .handler(this::upgrade);
  }

  private void checkOrigin(RoutingContext ctx) {
    if (!origins.admit(ctx.request())) {
      throw new ProblemException(FOREIGN_ORIGIN, "this page's origin may not open the events socket with the session cookie");
    }
    ctx.next();
  }

  /** Closes every socket open on this node with {@code code}; answers how many. Safe from any thread. */
  int closeAll(short code, String reason) {
    List<ServerWebSocket> all = List.copyOf(open);
    all.forEach(ws -> ws.close(code, reason));
    return all.size();
  }

  /** Frames waiting, over every socket open on this node (bounded by {@link LiveEventsOutbox#MAX_PENDING} each). */
  int pendingFrames() {
    return outboxes.stream().mapToInt(LiveEventsOutbox::pending).sum();
  }

  /** Sockets this node closed with 1013 since it started. */
  int closedAsTooSlow() {
    return tooSlow.get();
  }

  void upgrade(RoutingContext ctx) {
    Principal principal = Authentication.principal(ctx);
    ctx.request().toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        if (!ctx.response().ended()) ctx.fail(400, ar.cause());
        return;
      }
      ServerWebSocket ws = ar.result();
      // on the socket's own context: where its writes are not handed over between threads
      LiveEventsOutbox outbox = new LiveEventsOutbox(ws, ctx.vertx().getOrCreateContext(), tooSlow::incrementAndGet);
      LiveFeed.Subscriber subscriber = new LiveFeed.Subscriber() {
        @Override
        public Principal principal() {
          return principal;
        }

        @Override
        public void send(JsonObject message) {
          if (outbox.gaveUp()) {
            feed.remove(this); // closed as too slow: nothing more to encode until the close completes
            return;
          }
          outbox.offer(message.encode());
        }
      };
      SessionSockets.Registration registration = bySession.register(principal.sessionId(), () -> {
        feed.remove(subscriber);
        ws.close(SIGNED_OUT, "signed_out");
      });
      open.add(ws);
      outboxes.add(outbox);
      ws.closeHandler(v -> {
        open.remove(ws);
        outboxes.remove(outbox);
        outbox.discard();
        feed.remove(subscriber);
        registration.remove();
      });
      ws.exceptionHandler(err -> {
        feed.remove(subscriber);
        outbox.discard();
      });
      ws.textMessageHandler(text -> { }); // clients have nothing to say; pings are answered by Vert.x
      feed.add(subscriber);
      ws.writeTextMessage(new JsonObject().put("type", "subscribed").put("userId", principal.userId()).encode());
    });
  }
}
