package com.zerolaghub.simulators;

import io.vertx.core.json.JsonObject;

/** A task of the simulated node, as {@code GET /nodes/{node}/tasks/{upid}/status} shows it. */
final class SimTask {
  final String upid;
  final String node;
  final int pid;
  final long pstart;
  final long starttime;
  final String type;
  final String id;
  final String user;
  private volatile String status = "running";
  private volatile String exitstatus;

  SimTask(String node, int pid, long pstart, long starttime, String type, String id, String user) {
    this.node = node;
    this.pid = pid;
    this.pstart = pstart;
    this.starttime = starttime;
    this.type = type;
    this.id = id;
    this.user = user;
    this.upid = String.format("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart, starttime, type, id, user);
  }

  void finish(String exitstatus) {
    this.exitstatus = exitstatus;
    this.status = "stopped";
  }

  boolean running() {
    return "running".equals(status);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("upid", upid)
        .put("node", node)
        .put("pid", pid)
        .put("pstart", pstart)
        .put("starttime", starttime)
        .put("type", type)
        .put("id", id)
        .put("user", user)
        .put("status", status);
    if (exitstatus != null) {
      json.put("exitstatus", exitstatus);
    }
    return json;
  }
}
