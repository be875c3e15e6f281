package com.zerolaghub.verticles.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain TCP connection speaking HTTP/1.1 by hand, for requests no HTTP client would send. */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** One response: status line, headers and a Content-Length (or chunked) body. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) throw new IOException("connection closed before a response");
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    String body;
    if (headers.containsKey("content-length")) {
      body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
        b.write(in.readNBytes(size));
        line();
      }
      line();
      body = b.toString(StandardCharsets.UTF_8);
    } else {
      body = "";
    }
    return new Response(status, headers, body);
  }

  /** Milliseconds until the server closed the connection (reading and dropping what it sends), or -1 if it did not within {@code maxMs}. */
  long closedWithin(long maxMs) throws IOException {
    long start = System.nanoTime();
    socket.setSoTimeout((int) maxMs);
    try {
      while (in.read() >= 0) {
        if ((System.nanoTime() - start) / 1_000_000 > maxMs) return -1;
      }
      return (System.nanoTime() - start) / 1_000_000;
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException reset) {
      return (System.nanoTime() - start) / 1_000_000; // a reset is a close too
    }
  }

  /** Sends {@code text} one byte every {@code everyMs}, stopping early when the server closed; answers the bytes sent. */
  int trickle(String text, long everyMs) throws InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    int sent = 0;
    for (byte b : bytes) {
      try {
        out.write(b);
        out.flush();
      } catch (IOException closed) {
        return sent;
      }
      sent++;
      Thread.sleep(everyMs);
    }
    return sent;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') break;
      if (c != '\r') b.write(c);
    }
    if (c < 0 && b.size() == 0) return null;
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  static List<String> problemsIn(Response r) {
    List<String> wrong = new ArrayList<>();
    String w = ProblemDocuments.whatIsWrong(r.status(), r.header("Content-Type"), r.header("X-Request-Id"), r.body());
    if (w != null) wrong.add(w);
    return wrong;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
