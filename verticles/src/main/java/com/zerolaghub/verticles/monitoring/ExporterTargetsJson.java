package com.zerolaghub.verticles.monitoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.zerolaghub.events.servers.ContainerKind;
import com.zerolaghub.projections.monitoring.MonitoredServer;
import com.zerolaghub.projections.monitoring.MonitoredServers;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code /sd/exporters}: Prometheus http_sd JSON, one group per server,
 * {@code [{"targets":["<address>:<port>"],"labels":{...}}]}. Labels say what the container is,
 * never who owns it. The active list is rendered once per published view and kept, and each
 * server's entry once per change of that server, so a request is one buffer write.
 */
final class ExporterTargetsJson {
  static final String GAME = "minecraft";

  private static final JsonFactory JSON = new JsonFactory();

  private final int exporterPort;
  private final Map<String, Entry> entries = new HashMap<>();
  private volatile Rendered active;

  private record Entry(MonitoredServer server, byte[] json) {}

  private record Rendered(MonitoredServers view, Buffer body) {}

  ExporterTargetsJson(int exporterPort) {
    this.exporterPort = exporterPort;
  }

  /** Active targets of {@code view}, rendered at most once per view. */
  Buffer active(MonitoredServers view) {
    Rendered r = active;
    if (r != null && r.view() == view) return r.body();
    return renderActive(view).body();
  }

  /** Debug mode: every server that ever had a target; inactive ones labelled {@code zlh_historical="true"}. */
  Buffer historical(MonitoredServers view) {
    List<MonitoredServer> all = view.everTargets();
    ByteArrayOutputStream out = new ByteArrayOutputStream(all.size() * 320 + 2);
    out.write('[');
    boolean first = true;
    for (MonitoredServer s : all) {
      if (!first) out.write(',');
      first = false;
      out.writeBytes(render(s, !s.isActiveTarget()));
    }
    out.write(']');
    return Buffer.buffer(out.toByteArray());
  }

  /** The labels of a server's target, in a stable order. */
  static Map<String, String> labels(MonitoredServer s, int exporterPort, boolean historical) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("vmid", Integer.toString(s.vmid()));
    labels.put("instance", target(s.address(), exporterPort));
    labels.put("container_type", s.kind().wireName());
    labels.put("server_id", s.serverId());
    put(labels, "name", s.name());
    put(labels, "hostname", s.hostname());
    if (s.kind() == ContainerKind.GAME) labels.put("game", GAME);
    put(labels, "variant", s.variant());
    put(labels, "runtime", s.runtime());
    put(labels, "plan", s.plan());
    if (historical) {
      labels.put("zlh_historical", "true");
      labels.put("zlh_state", s.lifecycle().wireName());
    }
    return labels;
  }

  /** {@code host:port}, with an IPv6 address in brackets. */
  static String target(String address, int port) {
    boolean ipv6 = address.indexOf(':') >= 0 && !address.startsWith("[");
    return (ipv6 ? "[" + address + "]" : address) + ":" + port;
  }

  private synchronized Rendered renderActive(MonitoredServers view) {
    Rendered r = active;
    if (r != null && r.view() == view) return r;
    List<MonitoredServer> targets = view.activeTargets();
    Map<String, Entry> kept = new HashMap<>(targets.size() * 2);
    int size = 2;
    byte[][] parts = new byte[targets.size()][];
    for (int i = 0; i < targets.size(); i++) {
      MonitoredServer s = targets.get(i);
      Entry e = entries.get(s.serverId());
      if (e == null || e.server() != s) e = new Entry(s, render(s, false));
      kept.put(s.serverId(), e);
      parts[i] = e.json();
      size += e.json().length + 1;
    }
    entries.clear();
    entries.putAll(kept);
    Buffer body = Buffer.buffer(size);
    body.appendByte((byte) '[');
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) body.appendByte((byte) ',');
      body.appendBytes(parts[i]);
    }
    body.appendByte((byte) ']');
    Rendered fresh = new Rendered(view, body);
    active = fresh;
    return fresh;
  }

  private byte[] render(MonitoredServer s, boolean historical) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("targets");
      g.writeString(target(s.address(), exporterPort));
      g.writeEndArray();
      g.writeObjectFieldStart("labels");
      for (Map.Entry<String, String> label : labels(s, exporterPort, historical).entrySet()) {
        g.writeStringField(label.getKey(), label.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isEmpty()) labels.put(name, value);
  }
}
