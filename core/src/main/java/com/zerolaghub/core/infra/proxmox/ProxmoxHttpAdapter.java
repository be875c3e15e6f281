package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideCall;
import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;
import com.zerolaghub.core.infra.OutsideSystemTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ProxmoxPort} over the Proxmox VE REST API ({@code /api2/json}), authenticated with an API
 * token. POST/PUT parameters go form-encoded, as pve-http-server accepts them; answers are
 * unwrapped from {@code {"data": …}}; error answers become the typed exceptions of
 * {@link ProxmoxFailures}.
 *
 * <p>Containers are addressed on their node: the configured one, unless {@code /cluster/resources}
 * placed them elsewhere (a migration). A call answered "does not exist" on one node looks the
 * container up in the inventory and, when another node holds it, is sent there once more.
 */
public final class ProxmoxHttpAdapter implements ProxmoxPort, AutoCloseable {
  private final Vertx vertx;
  private final ProxmoxOptions options;
  private final WebClient client;
  private final String base;
  /**
   * The node holding each container, as {@code /cluster/resources} last named it: a container
   * migrated away from the configured node is addressed where it is now.
   */
  private final Map<Integer, String> nodeOf = new ConcurrentHashMap<>();

  public ProxmoxHttpAdapter(Vertx vertx, ProxmoxOptions options) {
    this.vertx = vertx;
    this.options = options;
    WebClientOptions clientOptions = new WebClientOptions().setUserAgent("zlh-control-plane");
    if (options.trustAll()) {
      clientOptions.setTrustAll(true).setVerifyHost(false);
    }
    this.client = WebClient.create(vertx, clientOptions);
    String apiBase = options.apiBase().toString();
    this.base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
  }

  @Override
  public Future<Integer> nextId() {
    return call(HttpMethod.GET, "/cluster/nextid", 0, null, null, "nextid", options.requestTimeout())
        .map(data -> Integer.parseInt(String.valueOf(data)));
  }

  @Override
  public Future<Boolean> vmidFree(int vmid) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("vmid", Integer.toString(vmid));
    return call(HttpMethod.GET, "/cluster/nextid", 0, null, query, "nextid", options.requestTimeout())
        .map(data -> true)
        .recover(err -> err instanceof OutsideSystemException o && o.status() == 400
            ? Future.succeededFuture(false)
            : Future.failedFuture(err));
  }

  @Override
  public Future<Upid> cloneContainer(CloneRequest request) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("newid", Integer.toString(request.newVmid()))
        .add("full", request.full() ? "1" : "0");
    if (request.hostname() != null) {
      form.add("hostname", request.hostname());
    }
    if (request.storage() != null) {
      form.add("storage", request.storage());
    }
    if (request.description() != null) {
      form.add("description", request.description());
    }
    if (request.pool() != null) {
      form.add("pool", request.pool());
    }
    return task(HttpMethod.POST, lxc(request.templateVmid()) + "/clone", request.newVmid(), form, "clone");
  }

  @Override
  public Future<TaskResult> awaitTask(Upid upid, Duration timeout) {
    Promise<TaskResult> result = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    pollTask(upid, timeout, deadline, options.taskPollInitial(), null, result);
    return result.future();
  }

  private void pollTask(
      Upid upid, Duration timeout, long deadline, Duration pause, Throwable lastError, Promise<TaskResult> result) {
    long remainingNanos = deadline - System.nanoTime();
    if (remainingNanos <= 0) {
      result.fail(new OutsideSystemTimeoutException(
          OutsideSystem.PROXMOX, "await task " + upid, timeout, lastError));
      return;
    }
    Duration callTimeout = min(options.requestTimeout(), Duration.ofNanos(remainingNanos));
    String path = "/nodes/" + upid.node() + "/tasks/" + upid.value() + "/status";
    call(HttpMethod.GET, path, 0, null, null, "task status", callTimeout)
        .onSuccess(data -> {
          JsonObject task = data instanceof JsonObject json ? json : new JsonObject();
          if ("stopped".equals(task.getString("status"))) {
            String exitstatus = String.valueOf(task.getValue("exitstatus"));
            if (TaskResult.succeeded(exitstatus)) {
              result.complete(new TaskResult(upid, exitstatus));
            } else {
              result.fail(new TaskFailedException(upid, exitstatus));
            }
          } else {
            schedulePoll(upid, timeout, deadline, pause, null, result);
          }
        })
        .onFailure(e -> {
          // a poll is a read: retry transient trouble until the deadline, fail fast on refusals
          if (e instanceof OutsideSystemException failure && failure.transientFailure()) {
            schedulePoll(upid, timeout, deadline, pause, e, result);
          } else {
            result.fail(e);
          }
        });
  }

  private void schedulePoll(
      Upid upid, Duration timeout, long deadline, Duration pause, Throwable lastError, Promise<TaskResult> result) {
    long remainingMillis = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    long delay = Math.max(1, Math.min(pause.toMillis(), remainingMillis));
    Duration next = min(Duration.ofMillis(Math.max(pause.toMillis() + 1, pause.toMillis() * 3 / 2)), options.taskPollMax());
    vertx.setTimer(delay, id -> pollTask(upid, timeout, deadline, next, lastError, result));
  }

  @Override
  public Future<Void> setResources(int vmid, ContainerResources resources) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("cores", Integer.toString(resources.cores()))
        .add("memory", Integer.toString(resources.memoryMb()))
        .add("swap", Integer.toString(resources.swapMb()));
    return call(HttpMethod.PUT, lxc(vmid) + "/config", vmid, form, null, "set resources", options.requestTimeout())
        .mapEmpty();
  }

  @Override
  public Future<Map<String, String>> config(int vmid) {
    return call(HttpMethod.GET, lxc(vmid) + "/config", vmid, null, null, "config", options.requestTimeout())
        .map(data -> {
          Map<String, String> config = new TreeMap<>();
          if (data instanceof JsonObject json) json.forEach(e -> config.put(e.getKey(), String.valueOf(e.getValue())));
          return config;
        });
  }

  @Override
  public Future<Map<String, Set<String>>> permissions() {
    return call(HttpMethod.GET, "/access/permissions", 0, null, null, "permissions", options.requestTimeout())
        .map(data -> {
          Map<String, Set<String>> byPath = new TreeMap<>();
          if (data instanceof JsonObject json) {
            json.forEach(e -> {
              if (e.getValue() instanceof JsonObject privileges) byPath.put(e.getKey(), Set.copyOf(privileges.fieldNames()));
            });
          }
          return byPath;
        });
  }

  @Override
  public Future<String> release() {
    return call(HttpMethod.GET, "/version", 0, null, null, "version", options.requestTimeout())
        .map(data -> data instanceof JsonObject json ? json.getString("release", json.getString("version")) : null);
  }

  @Override
  public Future<String> networkConfig(int vmid) {
    return call(HttpMethod.GET, lxc(vmid) + "/config", vmid, null, null, "config", options.requestTimeout())
        .map(data -> data instanceof JsonObject config ? config.getString("net0") : null);
  }

  @Override
  public Future<Void> setNetwork(int vmid, String net0) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("net0", net0);
    return call(HttpMethod.PUT, lxc(vmid) + "/config", vmid, form, null, "set network", options.requestTimeout())
        .mapEmpty();
  }

  @Override
  public Future<Upid> start(int vmid) {
    return task(HttpMethod.POST, lxc(vmid) + "/status/start", vmid, MultiMap.caseInsensitiveMultiMap(), "start");
  }

  @Override
  public Future<Upid> shutdown(int vmid, Duration grace) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("timeout", Long.toString(Math.max(1, grace.toSeconds())))
        .add("forceStop", "1");
    return task(HttpMethod.POST, lxc(vmid) + "/status/shutdown", vmid, form, "shutdown");
  }

  @Override
  public Future<Upid> stop(int vmid) {
    return task(HttpMethod.POST, lxc(vmid) + "/status/stop", vmid, MultiMap.caseInsensitiveMultiMap(), "stop");
  }

  @Override
  public Future<Upid> reboot(int vmid) {
    return task(HttpMethod.POST, lxc(vmid) + "/status/reboot", vmid, MultiMap.caseInsensitiveMultiMap(), "reboot");
  }

  @Override
  public Future<ContainerStatus> status(int vmid) {
    return call(HttpMethod.GET, lxc(vmid) + "/status/current", vmid, null, null, "status", options.requestTimeout())
        .map(data -> {
          JsonObject s = data instanceof JsonObject json ? json : new JsonObject();
          return new ContainerStatus(
              vmid,
              ContainerState.fromWire(s.getString("status")),
              s.getString("name"),
              s.getValue("lock") == null ? null : String.valueOf(s.getValue("lock")),
              number(s.getValue("template")) == 1,
              number(s.getValue("uptime")),
              (int) number(s.getValue("cpus")),
              number(s.getValue("mem")),
              number(s.getValue("maxmem")));
        });
  }

  @Override
  public Future<String> containerAddress(int vmid) {
    return call(HttpMethod.GET, lxc(vmid) + "/config", vmid, null, null, "config", options.requestTimeout())
        .compose(data -> {
          JsonObject config = data instanceof JsonObject json ? json : new JsonObject();
          Optional<String> fixed = NetworkConfig.staticIpv4(config.getString("net0"));
          return fixed.map(Future::succeededFuture).orElseGet(() -> interfaceAddress(vmid));
        });
  }

  private Future<String> interfaceAddress(int vmid) {
    return call(HttpMethod.GET, lxc(vmid) + "/interfaces", vmid, null, null, "interfaces", options.requestTimeout())
        .compose(data -> {
          if (data instanceof JsonArray interfaces) {
            for (Object entry : interfaces) {
              if (entry instanceof JsonObject nic && "eth0".equals(nic.getString("name")) && nic.getString("inet") != null) {
                String inet = nic.getString("inet");
                int slash = inet.indexOf('/');
                return Future.succeededFuture(slash < 0 ? inet : inet.substring(0, slash));
              }
            }
          }
          return Future.failedFuture(new OutsideSystemException(
              OutsideSystem.PROXMOX, 0, "no_address", "CT " + vmid + " has no IPv4 address on eth0"));
        });
  }

  @Override
  public Future<Upid> delete(int vmid) {
    // purge: also drop it from backup/replication/HA jobs, which would otherwise block the destroy
    MultiMap query = MultiMap.caseInsensitiveMultiMap()
        .add("purge", "1")
        .add("destroy-unreferenced-disks", "1");
    return call(HttpMethod.DELETE, lxc(vmid), vmid, null, query, "delete", options.requestTimeout())
        .map(data -> Upid.parse(String.valueOf(data)));
  }

  @Override
  public Future<List<InventoryEntry>> inventory() {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("type", "vm");
    return call(HttpMethod.GET, "/cluster/resources", 0, null, query, "inventory", options.requestTimeout())
        .map(data -> {
          List<InventoryEntry> entries = new ArrayList<>();
          if (data instanceof JsonArray resources) {
            for (Object item : resources) {
              if (item instanceof JsonObject r && "lxc".equals(r.getString("type"))) {
                if (r.getString("node") != null) nodeOf.put((int) number(r.getValue("vmid")), r.getString("node"));
                entries.add(new InventoryEntry(
                    (int) number(r.getValue("vmid")),
                    r.getString("node"),
                    ContainerState.fromWire(r.getString("status")),
                    r.getString("name"),
                    number(r.getValue("template")) == 1));
              }
            }
          }
          return List.copyOf(entries);
        });
  }

  @Override
  public void close() {
    client.close();
  }

  private String lxc(int vmid) {
    return "/nodes/" + nodeOf.getOrDefault(vmid, options.node()) + "/lxc/" + vmid;
  }

  private Future<Upid> task(HttpMethod method, String path, int vmid, MultiMap form, String operation) {
    return call(method, path, vmid, form, null, operation, options.requestTimeout())
        .map(data -> Upid.parse(String.valueOf(data)));
  }

  /**
   * One API call; answers the unwrapped {@code data} (JsonObject, JsonArray, String, Number or
   * null). A container call that finds no container on the node it went to is sent once more to
   * the node the inventory names, if that is another one.
   */
  private Future<Object> call(
      HttpMethod method, String path, int vmid, MultiMap form, MultiMap query, String operation, Duration timeout) {
    return callOnce(method, path, vmid, form, query, operation, timeout).recover(err -> {
      String prefix = "/nodes/";
      if (!(err instanceof ContainerNotFoundException) || vmid <= 0 || !path.startsWith(prefix)) {
        return Future.failedFuture(err);
      }
      String triedNode = path.substring(prefix.length(), path.indexOf('/', prefix.length()));
      return inventory().compose(entries -> {
        for (InventoryEntry e : entries) {
          if (e.vmid() == vmid && e.node() != null && !e.node().equals(triedNode)) {
            String moved = prefix + e.node() + path.substring(prefix.length() + triedNode.length());
            return callOnce(method, moved, vmid, form, query, operation, timeout);
          }
        }
        return Future.failedFuture(err);
      }, inventoryFailed -> Future.failedFuture(err));
    });
  }

  private Future<Object> callOnce(
      HttpMethod method, String path, int vmid, MultiMap form, MultiMap query, String operation, Duration timeout) {
    HttpRequest<Buffer> request = client.requestAbs(method, base + path)
        .putHeader("Authorization", options.authorizationHeader())
        .putHeader("Accept", "application/json");
    if (query != null) {
      for (Map.Entry<String, String> param : query) {
        request.addQueryParam(param.getKey(), param.getValue());
      }
    }
    String what = "proxmox " + operation + (vmid > 0 ? " CT " + vmid : "");
    return OutsideCall.send(
            OutsideSystem.PROXMOX, what, timeout, request,
            r -> form == null ? r.send() : r.sendForm(form))
        .compose(response -> unwrap(vmid, response));
  }

  private static Future<Object> unwrap(int vmid, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      return Future.failedFuture(
          ProxmoxFailures.fromAnswer(vmid, status, response.statusMessage(), response.bodyAsString()));
    }
    try {
      JsonObject body = response.bodyAsJsonObject();
      return Future.succeededFuture(body == null ? null : body.getValue("data"));
    } catch (RuntimeException notJson) {
      return Future.failedFuture(new OutsideSystemException(
          OutsideSystem.PROXMOX, status, "bad_answer", "answer is not the {\"data\": …} envelope"));
    }
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isEmpty()) {
      try {
        return (long) Double.parseDouble(s);
      } catch (NumberFormatException ignored) {
        return 0;
      }
    }
    return 0;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
