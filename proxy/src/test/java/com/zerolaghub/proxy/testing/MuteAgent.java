package com.zerolaghub.proxy.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * An agent that accepts the console upgrade (a hand-written 101) and then goes mute: it answers
 * no ping, sends nothing, reads everything. What a hung agent or a dead link looks like.
 */
public final class MuteAgent {
  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final Vertx vertx;
  private NetServer server;

  public MuteAgent(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Integer> start() {
    return vertx.createNetServer()
        .connectHandler(socket -> {
          Buffer head = Buffer.buffer();
          boolean[] upgraded = {false};
          socket.handler(bytes -> {
            if (upgraded[0]) {
              return; // mute: frames, pings, closes all swallowed
            }
            head.appendBuffer(bytes);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n")) {
              upgraded[0] = true;
              socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: " + accept(key(text)) + "\r\n\r\n");
            }
          });
        })
        .listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return s.actualPort();
        });
  }

  private static String key(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    throw new IllegalStateException("no Sec-WebSocket-Key in " + head);
  }

  private static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
