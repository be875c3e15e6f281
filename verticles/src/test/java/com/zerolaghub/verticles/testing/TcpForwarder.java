package com.zerolaghub.verticles.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between a client and a server that a test can cut (every connection closed, no new
 * ones accepted) and restore (listening again on the same port): an outage of the server as the
 * client sees it.
 */
public final class TcpForwarder {
  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;

  public TcpForwarder(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  /** Listens on a free port (first time) or the port it had (after {@link #cut()}). */
  public Future<Integer> start() {
    server = vertx.createNetServer().connectHandler(this::forward);
    return server.listen(port, "127.0.0.1").map(s -> port = s.actualPort());
  }

  public int port() {
    return port;
  }

  public Future<Void> cut() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(server.close());
    for (NetSocket s : sockets) closing.add(s.close());
    return Future.join(closing).mapEmpty();
  }

  public Future<Integer> restore() {
    return start();
  }

  private void forward(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = ar.result();
      sockets.add(outbound);
      inbound.closeHandler(v -> {
        sockets.remove(inbound);
        outbound.close();
      });
      outbound.closeHandler(v -> {
        sockets.remove(outbound);
        inbound.close();
      });
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
      inbound.resume();
    });
  }
}
