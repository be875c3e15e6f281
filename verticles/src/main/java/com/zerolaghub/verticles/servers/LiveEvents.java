package com.zerolaghub.verticles.servers;

import com.zerolaghub.projections.MemoryView;
import com.zerolaghub.projections.servers.ServerDirectory;
import com.zerolaghub.proxy.BrowserOrigins;
import com.zerolaghub.verticles.node.PlatformContext;
import io.vertx.core.Future;

/**
 * Live updates on nodes with the api role: the feed from the log and the {@code /api/events}
 * socket it serves. Nothing until {@link #open}; on other nodes it stays so.
 */
final class LiveEvents {
  private volatile LiveFeed feed;
  private volatile LiveEventsSocket socket;

  /** Builds the feed and its socket (not yet started). */
  LiveEventsSocket open(PlatformContext ctx, MemoryView<ServerDirectory> directory) {
    feed = new LiveFeed(ctx.vertx(), ctx.store(), ctx.codec(), ctx.pool(), directory);
    socket = new LiveEventsSocket(feed,
        new BrowserOrigins(ctx.config().http().browserOrigins(), ctx.config().http().sessionCookie()), ctx.sessionSockets());
    return socket;
  }

  /** The {@code /api/events} endpoint, once opened (null before, or without the api role). */
  LiveEventsSocket socket() {
    return socket;
  }

  Future<Void> start() {
    return feed.start();
  }

  /** Sockets close with 1012: the portal reconnects (through the front, elsewhere) and re-reads. */
  void restartClients() {
    LiveEventsSocket s = socket;
    if (s != null) s.closeAll(LiveEventsSocket.SERVICE_RESTART, "service_restart");
  }

  void stop() {
    LiveFeed f = feed;
    if (f != null) f.stop();
  }
}
