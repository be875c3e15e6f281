package com.zerolaghub.simulators;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A one-node Proxmox VE cluster speaking the REST API ({@code /api2/json}) for LXC containers,
 * faithful to the wire: {@code {"data": …}} answers, errors in the status line and {@code message},
 * parameter errors under {@code errors}, UPIDs of the form
 * {@code UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:}, tasks that run for a while
 * and stop with an {@code exitstatus}.
 *
 * <p>Sources: Proxmox VE API viewer, https://pve.proxmox.com/pve-docs/api-viewer/ (endpoints and
 * parameters); the pve-container sources, https://git.proxmox.com/?p=pve-container.git (mirror
 * https://github.com/proxmox/pve-container: {@code src/PVE/API2/LXC.pm} clone/destroy,
 * {@code src/PVE/API2/LXC/Status.pm} start/stop/shutdown/reboot, {@code src/PVE/LXC.pm} vmstatus
 * fields); https://github.com/proxmox/pve-guest-common {@code src/PVE/AbstractConfig.pm}
 * ({@code check_lock}: "CT is locked (&lt;lock&gt;)", config file lock with 10 s timeout);
 * https://github.com/proxmox/pve-common {@code PVE/Tools.pm} ("can't lock file '…' - got timeout");
 * https://github.com/proxmox/pve-http-server {@code PVE/APIServer/Formatter/Standard.pm} (answer
 * envelope); UPID layout and task status fields as documented at
 * https://proxmoxer.github.io/docs/latest/tools/tasks/.
 *
 * <p>Behaviour, as on a real node:
 * <ul>
 *   <li>Clone locks the source ({@code disk}) and the new container ({@code create}) until the
 *       {@code vzclone} task ends; a failed clone removes the new container again.
 *   <li>Config writes and tasks take the container's config file lock one after the other; a
 *       call waiting longer than the lock timeout fails with "can't lock file … - got timeout".
 *       Calls on a container with a config lock fail with "CT is locked (&lt;lock&gt;)" (config
 *       writes and destroy at once, start/stop/shutdown in their task).
 *   <li>Destroy is refused while the container runs: "unable to destroy CT &lt;vmid&gt; - container
 *       is running".
 *   <li>A clone copies the template's {@code net0} as it is, with a new MAC (pve-container
 *       {@code LXC.pm} clone: only {@code hwaddr} is regenerated); the templates say
 *       {@code ip=dhcp}. A container's address is its {@code net0}'s fixed {@code ip=}, or with
 *       DHCP the lease {@code 127.<octet>.<vmid/256>.<vmid%256>}; {@code GET …/interfaces}
 *       shows it while the container runs. Two containers with one fixed address: the second
 *       one's agent cannot bind, and its start task fails. Starting a container starts an
 *       {@link AgentSimulator} on its address (agent port from the options), and
 *       for dev containers whose config asks for it a code-server stand-in on port 6000. A new
 *       clone's agent starts unclaimed and takes its token from the platform's {@code PUT /token}
 *       (docs/agent-token.md); nothing of it passes through this API. Stop/shutdown/delete take
 *       them down.
 *   <li>{@code /cluster/resources} answers from a lagging view, as pve-manager's does (status and
 *       names come from the statistics pvestatd broadcasts about every 10 s): membership is
 *       current, but a new container shows {@code unknown} without a name, and power changes
 *       show late, by up to {@link #inventoryLag(Duration)} (default 1 s). {@code …/status/current}
 *       is always current.
 *   <li>The API token's privileges ({@link #tokenPrivileges}; default: all) are checked as the
 *       API's permission declarations say: VM.Clone on the template and VM.Allocate on
 *       {@code /vms/<newid>} and Datastore.AllocateSpace on the storage for a clone; VM.Config.CPU,
 *       .Memory, .Network (with SDN.Use on {@code /sdn/zones/localnetwork/<bridge>}), .Options for
 *       config writes; VM.PowerMgmt for power; VM.Audit to read config, status and interfaces;
 *       VM.Allocate to destroy. A missing one is answered 403 "Permission check failed (path,
 *       privilege)"; {@code /cluster/resources} leaves out, without a word, the guests the token
 *       may not audit. {@code GET /access/permissions} lists the token's privileges.
 *   <li>The container option {@code env} exists only when emulating Proxmox VE 9.1 or later
 *       (pve-container 6.0.15, {@link #emulateRelease}); by default (9.0) {@code PUT …/config}
 *       refuses it with 400 "property is not defined in schema…", as 8.x and 9.0 do.
 * </ul>
 *
 * <p>Storages: {@code local} (directory), {@code local-lvm}, {@code local-zfs} ({@link ProxmoxStorages});
 * templates sit on {@code local-lvm}. A linked clone of a template on a directory is refused at
 * once (500 "Linked clone feature for '…' is not available"), as is {@code storage} with a
 * linked clone; a full clone lands on {@code storage} or the template's storage.
 *
 * <p>Cluster: the configured node, and more with {@link #addNode}; {@link #migrate} moves a stopped
 * container. {@code /cluster/resources} names each guest's node; a call on any other node answers
 * "Configuration file 'nodes/&lt;node&gt;/lxc/&lt;vmid&gt;.conf' does not exist".
 *
 * <p>Simplifications: no pools or HA (accepted and ignored); 401 answers are
 * immediate (pveproxy delays them 3 s); {@code start} while locked fails in the task rather than
 * after waiting for the flock.
 *
 * <p>Test hooks: {@link #containers()}, {@link #container(int)}, {@link #cloneCount()},
 * {@link #agent(int)}, {@link #address(int)}, {@link #holdLock(int, String)},
 * {@link #releaseLock(int)}, {@link #faults()}/{@link #faults(FaultPlan)}, {@link #requests()}.
 */
public final class ProxmoxSimulator {
  private static final String API = "/api2/json";
  /** Release emulated unless a test says otherwise: the newest one without the {@code env} option. */
  public static final String DEFAULT_RELEASE = "9.0";
  /**
   * Staleness of {@code /cluster/resources} unless a test says otherwise: a real node broadcasts
   * guest statistics about every 10 s; 1 s keeps every whole-lifecycle test on a lagging view
   * without slowing it down much.
   */
  public static final Duration DEFAULT_INVENTORY_LAG = Duration.ofSeconds(1);
  /** The privileges the simulator knows (those the platform's calls need, and a few more). */
  public static final Set<String> PRIVILEGES = Set.of("VM.Allocate", "VM.Clone", "VM.Audit", "VM.PowerMgmt",
      "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Config.Disk",
      "Datastore.AllocateSpace", "Datastore.Audit", "SDN.Use", "Sys.Audit");
  private static final String NOT_IN_SCHEMA =
      "property is not defined in schema and the schema does not allow additional properties";
  private static final Set<String> CLONE_PARAMS =
      Set.of("newid", "hostname", "full", "storage", "description", "pool", "snapname", "target", "bwlimit");
  private static final Set<String> CONFIG_PARAMS = Set.of(
      "cores", "memory", "swap", "hostname", "description", "net0", "onboot", "delete", "digest",
      "tags", "nameserver", "searchdomain", "cpulimit", "cpuunits", "protection", "startup", "features");
  private static final Map<String, Set<String>> POWER_PARAMS = Map.of(
      "start", Set.of("skiplock", "debug"),
      "stop", Set.of("skiplock", "overrule-shutdown"),
      "shutdown", Set.of("timeout", "forceStop"),
      "reboot", Set.of("timeout"));
  private static final Set<String> DELETE_PARAMS = Set.of("force", "purge", "destroy-unreferenced-disks");

  private final Vertx vertx;
  private final ProxmoxSimulatorOptions options;
  private final Object state = new Object();
  private final Map<Integer, SimContainer> containers = new TreeMap<>();
  private final Map<String, SimTask> tasks = new ConcurrentHashMap<>();
  private final AtomicReference<FaultPlan> faults = new AtomicReference<>(FaultPlan.none());
  private final AtomicInteger cloneCount = new AtomicInteger();
  private final AtomicInteger nextPid = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x1000, 0x100000));
  private final long pstart = ThreadLocalRandom.current().nextLong(0x100000, 0x1000000);
  private final RequestCounts requests = new RequestCounts();
  /** The Proxmox VE release emulated, e.g. {@code 9.0}: decides which config options exist. */
  private volatile String release = DEFAULT_RELEASE;
  /** How stale {@code /cluster/resources} status and names may be; guarded by {@code state}. */
  private Duration inventoryLag = DEFAULT_INVENTORY_LAG;
  private long lastBroadcastMillis;
  private volatile TokenAcl acl = TokenAcl.ALL;
  /** The cluster's nodes; the configured one first. */
  private final Set<String> nodes = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  public ProxmoxSimulator(Vertx vertx, ProxmoxSimulatorOptions options) {
    this.vertx = vertx;
    this.options = options;
    nodes.add(options.node());
    for (SimTemplate t : options.templates()) {
      SimContainer template = new SimContainer(t.vmid());
      template.hostname = t.hostname();
      template.containerType = t.containerType();
      template.template = true;
      template.net0 = dhcpNet0(t.vmid());
      template.node = options.node();
      template.broadcast(); // templates were there long before
      containers.put(t.vmid(), template);
    }
  }

  public Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(requests);
    router.route().handler(new FaultInjector(vertx, faults::get,
        (ctx, status) -> PveAnswers.error(ctx, status,
            ctx.get(FaultInjector.MESSAGE) != null ? ctx.get(FaultInjector.MESSAGE) : "simulated failure (" + status + ")")));
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.route().handler(this::authenticate);
    router.get(API + "/version").handler(this::version);
    router.get(API + "/access/permissions").handler(this::permissions);
    router.get(API + "/cluster/nextid").handler(this::nextId);
    router.get(API + "/cluster/resources").handler(this::resources);
    router.route(API + "/nodes/:node/*").handler(this::checkNode);
    router.route(API + "/nodes/:node/lxc/:vmid").handler(this::checkContainerNode);
    router.route(API + "/nodes/:node/lxc/:vmid/*").handler(this::checkContainerNode);
    router.get(API + "/nodes/:node/tasks/:upid/status").handler(this::taskStatus);
    router.post(API + "/nodes/:node/lxc/:vmid/clone").handler(this::cloneContainer);
    router.get(API + "/nodes/:node/lxc/:vmid/config").handler(this::readConfig);
    router.put(API + "/nodes/:node/lxc/:vmid/config").handler(this::writeConfig);
    router.get(API + "/nodes/:node/lxc/:vmid/status/current").handler(this::currentStatus);
    router.post(API + "/nodes/:node/lxc/:vmid/status/:action").handler(this::power);
    router.get(API + "/nodes/:node/lxc/:vmid/interfaces").handler(this::interfaces);
    router.delete(API + "/nodes/:node/lxc/:vmid").handler(this::destroy);
    router.route().last().handler(ctx -> PveAnswers.error(ctx, 501,
        "Method '" + ctx.request().method() + " " + ctx.request().path().replaceFirst("^" + API, "") + "' not implemented"));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(options.port(), options.host())
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /** Stops every simulated agent, closes the API and deletes the containers' temp disks. */
  public Future<Void> stop() {
    List<Future<Void>> stops = new ArrayList<>();
    List<AgentDisk> disks = new ArrayList<>();
    synchronized (state) {
      for (SimContainer c : containers.values()) {
        if (c.agent != null) {
          stops.add(c.agent.stop());
          c.agent = null;
        }
        if (c.disk != null) {
          disks.add(c.disk);
        }
      }
    }
    HttpServer running = server;
    server = null;
    return Future.join(stops)
        .transform(v -> running == null ? Future.<Void>succeededFuture() : running.close())
        .compose(v -> vertx.executeBlocking(() -> {
          disks.forEach(AgentDisk::destroy);
          return null;
        }))
        .mapEmpty();
  }

  public int port() {
    return server == null ? options.port() : server.actualPort();
  }

  /** The API base the adapter is configured with, e.g. {@code http://127.0.0.1:40123/api2/json}. */
  public String apiBase() {
    return "http://" + options.host() + ":" + port() + API;
  }

  public String node() {
    return options.node();
  }

  /** The loopback address a container with this vmid gets. */
  public String address(int vmid) {
    return ContainerLoopback.address(options.loopbackSecondOctet(), vmid);
  }

  /** Test hook: every container, templates included, by vmid. */
  public List<SimulatedContainer> containers() {
    synchronized (state) {
      return containers.values().stream().map(this::snapshot).toList();
    }
  }

  public Optional<SimulatedContainer> container(int vmid) {
    synchronized (state) {
      return Optional.ofNullable(containers.get(vmid)).map(this::snapshot);
    }
  }

  /** Test hook: clone requests accepted so far. */
  /**
   * Benchmarks: puts a container into the inventory as a finished clone (and start) would leave
   * it, without starting its agent, so a fleet of thousands costs no sockets. Everything read
   * through the API ({@code /cluster/resources}, status) sees it as any other container.
   */
  public void seedContainer(int vmid, String hostname, boolean running) {
    synchronized (state) {
      if (containers.containsKey(vmid)) throw new IllegalStateException("CT " + vmid + " exists");
      SimContainer c = new SimContainer(vmid);
      c.hostname = hostname;
      c.containerType = "debian";
      c.net0 = dhcpNet0(vmid);
      c.running = running;
      c.startedAtMillis = running ? System.currentTimeMillis() : 0;
      c.node = options.node();
      c.broadcast();
      containers.put(vmid, c);
    }
  }

  public int cloneCount() {
    return cloneCount.get();
  }

  /** Test hook: the agent of a running container. */
  public Optional<AgentSimulator> agent(int vmid) {
    synchronized (state) {
      return Optional.ofNullable(containers.get(vmid)).map(c -> c.agent);
    }
  }

  /**
   * Test hook: the Proxmox VE release to behave as ({@code 8.4}, {@code 9.0}, {@code 9.1}, …). The
   * container option {@code env} exists from 9.1 (pve-container 6.0.15) on; before, setting it
   * is refused as any unknown property is.
   */
  public void emulateRelease(String release) {
    this.release = release;
  }

  /**
   * Test hook: how stale {@code /cluster/resources} may be. Statistics are broadcast now, then
   * again at the first inventory read at least {@code lag} later; {@link Duration#ZERO}: always current.
   */
  public void inventoryLag(Duration lag) {
    synchronized (state) {
      inventoryLag = lag;
      broadcastNow(System.currentTimeMillis());
    }
  }

  private void broadcastNow(long now) {
    containers.values().forEach(SimContainer::broadcast);
    lastBroadcastMillis = now;
  }

  /**
   * Test hook: the API token's privileges, by ACL path ({@code /}, {@code /vms}, {@code /vms/100},
   * {@code /storage/local-lvm}, {@code /sdn/zones/localnetwork/vmbr0}), each propagated below
   * its path; null: every privilege everywhere (the default).
   */
  public void tokenPrivileges(Map<String, Set<String>> byPath) {
    acl = byPath == null ? TokenAcl.ALL : new TokenAcl(byPath);
  }

  /**
   * Answers 403 as pve-http-server does for a failed permission check ({@code PVE::RPCEnvironment
   * check}: "Permission check failed (&lt;path&gt;, &lt;privilege&gt;)") unless the token holds it.
   */
  private boolean permitted(RoutingContext ctx, String path, String privilege) {
    if (acl.allows(path, privilege)) return true;
    PveAnswers.error(ctx, 403, "Permission check failed (" + path + ", " + privilege + ")");
    return false;
  }

  /** The privileges a config write needs, each checked in turn. */
  private boolean configPermitted(RoutingContext ctx, int vmid, MultiMap params) {
    for (String[] need : TokenAcl.neededForConfig(vmid, params)) {
      if (!permitted(ctx, need[0], need[1])) return false;
    }
    return true;
  }

  /** {@code GET /access/permissions}: the calling token's effective privileges. */
  private void permissions(RoutingContext ctx) {
    PveAnswers.data(ctx, acl.toJson(PRIVILEGES));
  }

  /** Test hook: puts a config lock on a container, as a backup or an admin would. */
  public void holdLock(int vmid, String lock) {
    synchronized (state) {
      existing(vmid).lock = lock;
    }
  }

  public void releaseLock(int vmid) {
    synchronized (state) {
      existing(vmid).lock = null;
    }
  }

  /** Test hook: every API request received (method and path). */
  public RequestCounts requests() {
    return requests;
  }

  public FaultPlan faults() {
    return faults.get();
  }

  public void faults(FaultPlan plan) {
    faults.set(plan);
  }

  private SimContainer existing(int vmid) {
    SimContainer c = containers.get(vmid);
    if (c == null) {
      throw new IllegalArgumentException("no container " + vmid);
    }
    return c;
  }

  private SimulatedContainer snapshot(SimContainer c) {
    return new SimulatedContainer(c.vmid, c.name(), c.containerType, c.template, c.running, c.lock,
        effectiveAddress(c), c.cores, c.memory, c.swap, c.description);
  }

  /** A template's (or seeded container's) {@code net0}: DHCP, as the platform's templates must be. */
  private static String dhcpNet0(int vmid) {
    return "name=eth0,bridge=vmbr0,hwaddr=" + ContainerLoopback.mac(vmid) + ",ip=dhcp,type=veth";
  }

  /** What a clone gets: the source's {@code net0} as it is, with a new MAC (pve-container's clone). */
  private static String clonedNet0(String sourceNet0, int newVmid) {
    if (sourceNet0 == null) return null;
    return sourceNet0.replaceAll("hwaddr=[0-9A-Fa-f:]+", "hwaddr=" + ContainerLoopback.mac(newVmid));
  }

  /**
   * The container's address on its network: the fixed {@code ip=} of its {@code net0}, or with
   * {@code ip=dhcp} the lease the simulated DHCP server gives (its vmid's loopback address).
   */
  private String effectiveAddress(SimContainer c) {
    if (c.net0 != null) {
      for (String option : c.net0.split(",")) {
        if (option.startsWith("ip=") && !option.equals("ip=dhcp") && !option.equals("ip=manual")) {
          String ip = option.substring(3);
          return ip.contains("/") ? ip.substring(0, ip.indexOf('/')) : ip;
        }
      }
    }
    return address(c.vmid);
  }

  /** Test hook: moves a container's (or template's) root disk to {@code storage} ({@code local}, {@code local-lvm}, {@code local-zfs}). */
  public void setStorage(int vmid, String storage) {
    if (!ProxmoxStorages.exists(storage)) throw new IllegalArgumentException("no storage " + storage);
    synchronized (state) {
      existing(vmid).storage = storage;
    }
  }

  /** Test hook: a container's root disk volume, e.g. {@code local-zfs:vm-100-disk-0}. */
  public String rootfs(int vmid) {
    synchronized (state) {
      return existing(vmid).rootfsVolume();
    }
  }

  /** Test hook: sets a container's (or template's) {@code net0}, as an administrator would. */
  public void setNet0(int vmid, String net0) {
    synchronized (state) {
      existing(vmid).net0 = net0;
    }
  }

  // ---- request handling -------------------------------------------------------------------

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("PVEAPIToken=")) {
      PveAnswers.unauthorized(ctx, "No ticket");
      return;
    }
    String expected = "PVEAPIToken=" + options.tokenId() + "=" + options.tokenSecret();
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
      PveAnswers.unauthorized(ctx, "invalid token value!");
      return;
    }
    ctx.next();
  }

  /**
   * A container's calls go to the node holding it: on any other node its config file does not
   * exist there (the cluster filesystem keeps it under {@code nodes/<its node>/lxc/}).
   */
  private void checkContainerNode(RoutingContext ctx) {
    Integer vmid = integer(ctx.pathParam("vmid"));
    String node = ctx.pathParam("node");
    if (vmid != null) {
      synchronized (state) {
        SimContainer c = containers.get(vmid);
        if (c != null && !node.equals(c.node)) {
          PveAnswers.error(ctx, 500, "Configuration file 'nodes/" + node + "/lxc/" + vmid + ".conf' does not exist");
          return;
        }
      }
    }
    ctx.next();
  }

  /**
   * Test hook: another node joins the cluster (its API is served here too, as pveproxy forwards
   * calls for other nodes).
   */
  public void addNode(String node) {
    nodes.add(node);
  }

  /** Test hook: an offline migration of a stopped container to another node ({@code POST …/migrate}). */
  public void migrate(int vmid, String node) {
    if (!nodes.contains(node)) throw new IllegalArgumentException("no node " + node);
    synchronized (state) {
      SimContainer c = existing(vmid);
      if (c.running) throw new IllegalStateException("CT " + vmid + " is running: stop it first");
      c.node = node;
    }
  }

  private void checkNode(RoutingContext ctx) {
    String node = ctx.pathParam("node");
    if (!nodes.contains(node)) {
      PveAnswers.error(ctx, 500, "hostname lookup '" + node + "' failed - failed to get address info for: "
          + node + ": Name or service not known");
      return;
    }
    ctx.next();
  }

  /** {@code GET /version}: {@code release}, {@code version}, {@code repoid} as pve-manager answers them. */
  private void version(RoutingContext ctx) {
    PveAnswers.data(ctx, new JsonObject().put("release", release).put("version", release + ".2").put("repoid", "5a08e6f4"));
  }

  private boolean envSupported() {
    String[] parts = release.split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    return major > 9 || (major == 9 && minor >= 1);
  }

  private void nextId(RoutingContext ctx) {
    String asked = ctx.request().getParam("vmid");
    synchronized (state) {
      if (asked != null) {
        // pve's "assert that it is free": the id back, or a parameter error naming it
        int vmid;
        try {
          vmid = Integer.parseInt(asked);
        } catch (NumberFormatException e) {
          PveAnswers.parameterErrors(ctx, Map.of("vmid", "type check ('integer') failed - got '" + asked + "'"));
          return;
        }
        if (containers.containsKey(vmid)) {
          PveAnswers.parameterErrors(ctx, Map.of("vmid", "VM " + vmid + " already exists"));
        } else {
          PveAnswers.data(ctx, Integer.toString(vmid));
        }
        return;
      }
      int id = options.firstVmid();
      while (containers.containsKey(id)) {
        id++;
      }
      // Proxmox answers the id as a string
      PveAnswers.data(ctx, Integer.toString(id));
    }
  }

  private void resources(RoutingContext ctx) {
    String type = ctx.request().getParam("type");
    JsonArray list = new JsonArray();
    synchronized (state) {
      long now = System.currentTimeMillis();
      if (now - lastBroadcastMillis >= inventoryLag.toMillis()) {
        broadcastNow(now);
      }
      if (type == null || type.equals("vm")) {
        // pve-manager Cluster.pm resources: guests the token may not audit are left out, silently
        containers.values().stream().filter(c -> acl.allows("/vms/" + c.vmid, "VM.Audit"))
            .forEach(c -> list.add(c.resource(c.node)));
      }
      if (type == null || type.equals("node")) {
        nodes.forEach(n -> list.add(new JsonObject().put("id", "node/" + n).put("type", "node")
            .put("node", n).put("status", "online")));
      }
    }
    PveAnswers.data(ctx, list);
  }

  private void taskStatus(RoutingContext ctx) {
    String upid = ctx.pathParam("upid");
    if (!upid.startsWith("UPID:")) {
      PveAnswers.error(ctx, 500, "unable to parse worker upid '" + upid + "'");
      return;
    }
    SimTask task = tasks.get(upid);
    if (task == null) {
      // pve-manager PVE/API2/Tasks.pm read_task_status: a parameter exception, i.e. 400
      PveAnswers.parameterErrors(ctx, Map.of("upid", "no such task"));
      return;
    }
    PveAnswers.data(ctx, task.toJson());
  }

  private void cloneContainer(RoutingContext ctx) {
    Integer source = vmid(ctx);
    MultiMap params = params(ctx);
    if (source == null || !knownParams(ctx, params, CLONE_PARAMS)) {
      return;
    }
    Integer newid = integer(params.get("newid"));
    if (newid == null || newid < 100 || newid > 999_999_999) {
      PveAnswers.parameterErrors(ctx, Map.of("newid", params.get("newid") == null
          ? "property is missing and it is not optional" : "value must have a minimum value of 100"));
      return;
    }
    if (!permitted(ctx, "/vms/" + source, "VM.Clone") || !permitted(ctx, "/vms/" + newid, "VM.Allocate")) {
      return;
    }
    boolean full = "1".equals(params.get("full"));
    SimContainer target;
    synchronized (state) {
      SimContainer src = containers.get(source);
      if (src == null) {
        PveAnswers.error(ctx, 500, configMissing(source));
        return;
      }
      if (src.lock != null) {
        PveAnswers.error(ctx, 500, "CT is locked (" + src.lock + ")");
        return;
      }
      if (containers.containsKey(newid)) {
        PveAnswers.error(ctx, 500, "CT " + newid + " already exists on node '" + options.node() + "'");
        return;
      }
      // pve-container API2/LXC.pm clone_vm: these checks run before the task is forked
      String storage = params.get("storage");
      if (storage != null && !ProxmoxStorages.exists(storage)) {
        PveAnswers.error(ctx, 500, "storage '" + storage + "' does not exist");
        return;
      }
      boolean linked = !full && src.template;
      if (storage != null && linked) {
        PveAnswers.error(ctx, 500, "parameter 'storage' not allowed for linked clones");
        return;
      }
      if (!permitted(ctx, "/storage/" + (storage != null ? storage : src.storage), "Datastore.AllocateSpace")) {
        return;
      }
      if (linked && !ProxmoxStorages.linkedClones(src.storage)) {
        PveAnswers.error(ctx, 500, "Linked clone feature for '" + src.rootfsVolume() + "' is not available");
        return;
      }
      src.lock = "disk";
      target = new SimContainer(newid);
      target.lock = "create";
      target.hostname = params.get("hostname") != null ? params.get("hostname") : src.hostname;
      target.containerType = src.containerType;
      target.storage = storage != null ? storage : src.storage;
      target.node = src.node;
      containers.put(newid, target);
      cloneCount.incrementAndGet();
    }
    String description = params.get("description");
    String upid = runTask(ctx.pathParam("node"), "vzclone", Integer.toString(source), user(), () -> taskTime("vzclone")
        .compose(v -> vertx.executeBlocking(() -> AgentDisk.create(target.containerType, null)))
        .onSuccess(disk -> {
          synchronized (state) {
            SimContainer src = containers.get(source);
            target.cores = src.cores;
            target.memory = src.memory;
            target.swap = src.swap;
            target.description = description != null ? description : src.description;
            target.net0 = clonedNet0(src.net0, newid);
            target.disk = disk;
            target.lock = null;
            src.lock = null;
          }
        })
        .recover(e -> {
          synchronized (state) {
            containers.remove(newid);
            SimContainer src = containers.get(source);
            if (src != null) {
              src.lock = null;
            }
          }
          return Future.failedFuture(e instanceof InjectedTaskFailure ? e : new TaskError("clone failed: " + e.getMessage()));
        })
        .mapEmpty());
    PveAnswers.data(ctx, upid);
  }

  private void readConfig(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    if (vmid == null || !permitted(ctx, "/vms/" + vmid, "VM.Audit")) {
      return;
    }
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      PveAnswers.data(ctx, c.config());
    }
  }

  private void writeConfig(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    MultiMap params = params(ctx);
    Set<String> known = CONFIG_PARAMS;
    if (envSupported()) {
      known = new HashSet<>(CONFIG_PARAMS);
      known.add("env");
    }
    if (vmid == null || !knownParams(ctx, params, known) || !configPermitted(ctx, vmid, params)) {
      return;
    }
    Map<String, String> invalid = new LinkedHashMap<>();
    checkRange(params, "cores", 1, 8192, invalid);
    checkRange(params, "memory", 16, Integer.MAX_VALUE, invalid);
    checkRange(params, "swap", 0, Integer.MAX_VALUE, invalid);
    if (params.get("env") != null && !params.get("env").matches("(?:\\w+=[^\\x00-\\x08\\x0a-\\x1F\\x7F]*)(?:\\x00\\w+=[^\\x00-\\x08\\x0a-\\x1F\\x7F]*)*")) {
      invalid.put("env", "value does not match the regex pattern");
    }
    if (!invalid.isEmpty()) {
      PveAnswers.parameterErrors(ctx, invalid);
      return;
    }
    ConfigFlock flock;
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      flock = c.flock;
    }
    flock.acquire(vertx, options.lockTimeout()).onComplete(locked -> {
      if (locked.failed()) {
        PveAnswers.error(ctx, 500, locked.cause().getMessage());
        return;
      }
      try {
        synchronized (state) {
          SimContainer c = containers.get(vmid);
          if (c == null) {
            PveAnswers.error(ctx, 500, configMissing(vmid));
            return;
          }
          if (c.lock != null) {
            PveAnswers.error(ctx, 500, "CT is locked (" + c.lock + ")");
            return;
          }
          apply(c, params);
        }
        PveAnswers.data(ctx, null);
      } finally {
        flock.release();
      }
    });
  }

  private static void apply(SimContainer c, MultiMap params) {
    if (params.get("cores") != null) {
      c.cores = Integer.parseInt(params.get("cores"));
    }
    if (params.get("memory") != null) {
      c.memory = Integer.parseInt(params.get("memory"));
    }
    if (params.get("swap") != null) {
      c.swap = Integer.parseInt(params.get("swap"));
    }
    if (params.get("hostname") != null) {
      c.hostname = params.get("hostname");
    }
    if (params.get("description") != null) {
      c.description = params.get("description");
    }
    if (params.get("net0") != null) {
      c.net0 = params.get("net0");
    }
    if (params.get("env") != null) {
      c.env = params.get("env");
    }
    if (params.get("delete") != null) {
      for (String option : params.get("delete").split("[,;\\s]+")) {
        if (option.equals("env")) {
          c.env = null;
        } else if (option.equals("description")) {
          c.description = null;
        }
      }
    }
  }

  private void currentStatus(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    if (vmid == null || !permitted(ctx, "/vms/" + vmid, "VM.Audit")) {
      return;
    }
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      PveAnswers.data(ctx, c.status());
    }
  }

  private void interfaces(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    if (vmid == null || !permitted(ctx, "/vms/" + vmid, "VM.Audit")) {
      return;
    }
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      if (!c.running) {
        PveAnswers.error(ctx, 500, "CT " + vmid + " not running");
        return;
      }
      JsonArray list = new JsonArray()
          .add(new JsonObject().put("name", "lo").put("hwaddr", "00:00:00:00:00:00")
              .put("hardware-address", "00:00:00:00:00:00").put("inet", "127.0.0.1/8"))
          .add(new JsonObject().put("name", "eth0").put("hwaddr", ContainerLoopback.mac(vmid))
              .put("hardware-address", ContainerLoopback.mac(vmid)).put("inet", effectiveAddress(c) + "/8"));
      PveAnswers.data(ctx, list);
    }
  }

  private void power(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    String action = ctx.pathParam("action");
    Set<String> allowed = POWER_PARAMS.get(action);
    if (allowed == null) {
      PveAnswers.error(ctx, 501, "Method 'POST " + ctx.request().path().replaceFirst("^" + API, "") + "' not implemented");
      return;
    }
    MultiMap params = params(ctx);
    if (vmid == null || !knownParams(ctx, params, allowed) || !permitted(ctx, "/vms/" + vmid, "VM.PowerMgmt")) {
      return;
    }
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      if (action.equals("start") && c.running) {
        PveAnswers.error(ctx, 500, "CT " + vmid + " already running");
        return;
      }
      if (!action.equals("start") && !c.running) {
        PveAnswers.error(ctx, 500, (action.equals("reboot") ? "VM " : "CT ") + vmid + " not running");
        return;
      }
    }
    boolean skiplock = "1".equals(params.get("skiplock"));
    String type = "vz" + action;
    String upid = runTask(ctx.pathParam("node"), type, Integer.toString(vmid), user(), () -> underFlock(vmid, () -> {
      synchronized (state) {
        SimContainer c = containers.get(vmid);
        if (c == null) {
          return Future.failedFuture(new TaskError(configMissing(vmid)));
        }
        if (c.lock != null && !skiplock) {
          return Future.failedFuture(new TaskError("CT is locked (" + c.lock + ")"));
        }
        if (c.template && action.equals("start")) {
          return Future.failedFuture(new TaskError("you can't start a CT if it's a template"));
        }
        if (action.equals("start") == c.running) {
          return Future.failedFuture(new TaskError("CT " + vmid + (c.running ? " already running" : " not running")));
        }
      }
      return taskTime(type).compose(v -> switch (action) {
        case "start" -> bootAgent(vmid);
        case "reboot" -> haltAgent(vmid).compose(x -> bootAgent(vmid));
        default -> haltAgent(vmid);
      });
    }));
    PveAnswers.data(ctx, upid);
  }

  private void destroy(RoutingContext ctx) {
    Integer vmid = vmid(ctx);
    MultiMap params = params(ctx);
    if (vmid == null || !knownParams(ctx, params, DELETE_PARAMS) || !permitted(ctx, "/vms/" + vmid, "VM.Allocate")) {
      return;
    }
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        PveAnswers.error(ctx, 500, configMissing(vmid));
        return;
      }
      if (c.lock != null) {
        PveAnswers.error(ctx, 500, "CT is locked (" + c.lock + ")");
        return;
      }
      if (c.running) {
        PveAnswers.error(ctx, 500, "unable to destroy CT " + vmid + " - container is running");
        return;
      }
    }
    String upid = runTask(ctx.pathParam("node"), "vzdestroy", Integer.toString(vmid), user(), () -> underFlock(vmid, () -> {
      synchronized (state) {
        SimContainer c = containers.get(vmid);
        if (c == null) {
          return Future.failedFuture(new TaskError(configMissing(vmid)));
        }
        if (c.running) {
          return Future.failedFuture(new TaskError("unable to destroy CT " + vmid + " - container is running"));
        }
        c.lock = "destroyed";
      }
      return taskTime("vzdestroy")
          .compose(v -> {
            AgentDisk disk;
            synchronized (state) {
              SimContainer c = containers.remove(vmid);
              disk = c == null ? null : c.disk;
            }
            return disk == null ? Future.<Void>succeededFuture() : vertx.executeBlocking(() -> {
              disk.destroy();
              return null;
            });
          })
          .recover(e -> {
            synchronized (state) {
              SimContainer c = containers.get(vmid);
              if (c != null) {
                c.lock = null;
              }
            }
            return Future.failedFuture(e);
          })
          .mapEmpty();
    }));
    PveAnswers.data(ctx, upid);
  }

  // ---- containers' agents -----------------------------------------------------------------

  private Future<Void> bootAgent(int vmid) {
    AgentSimulator agent;
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null || c.disk == null) {
        return Future.failedFuture(new TaskError("startup for container '" + vmid + "' failed"));
      }
      // the agent keeps the token it was claimed with on its disk; a fresh clone's agent has none
      AgentSimulatorOptions agentOptions = options.agent()
          .withHost(effectiveAddress(c))
          .withContainerType(c.containerType)
          .withBootstrapToken(null);
      agent = new AgentSimulator(vertx, agentOptions, c.disk, false);
    }
    return agent.start()
        .onSuccess(v -> {
          synchronized (state) {
            SimContainer c = containers.get(vmid);
            c.agent = agent;
            c.running = true;
            c.startedAtMillis = System.currentTimeMillis();
          }
        })
        .recover(e -> agent.stop().transform(x ->
            Future.failedFuture(new TaskError("startup for container '" + vmid + "' failed"))));
  }

  private Future<Void> haltAgent(int vmid) {
    AgentSimulator agent;
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      agent = c.agent;
      c.agent = null;
      c.running = false;
    }
    return agent == null ? Future.succeededFuture() : agent.stop();
  }

  // ---- tasks ------------------------------------------------------------------------------

  /** Starts a task now (its body runs after this call returns) and answers its UPID. */
  private String runTask(String node, String type, String id, String user, Supplier<Future<Void>> body) {
    SimTask task = new SimTask(node, nextPid.incrementAndGet(), pstart,
        System.currentTimeMillis() / 1000, type, id, user);
    tasks.put(task.upid, task);
    vertx.runOnContext(v -> {
      Future<Void> outcome;
      try {
        outcome = body.get();
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      outcome.onComplete(done -> task.finish(done.succeeded() ? "OK" : exitstatus(done.cause())));
    });
    return task.upid;
  }

  /** Runs {@code work} holding the container's config file lock. */
  private Future<Void> underFlock(int vmid, Supplier<Future<Void>> work) {
    ConfigFlock flock;
    synchronized (state) {
      SimContainer c = containers.get(vmid);
      if (c == null) {
        return Future.failedFuture(new TaskError(configMissing(vmid)));
      }
      flock = c.flock;
    }
    return flock.acquire(vertx, options.lockTimeout())
        .recover(e -> Future.failedFuture(new TaskError(flock.timeoutMessage())))
        .compose(locked -> {
          Future<Void> result;
          try {
            result = work.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          return result.andThen(done -> flock.release());
        });
  }

  /** The task's running time; fails as the fault plan says for this task type. */
  private Future<Void> taskTime(String type) {
    FaultPlan plan = faults.get();
    Duration duration = plan.taskDuration() != null ? plan.taskDuration() : options.taskDuration();
    Optional<String> failure = plan.taskFailureFor(type);
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(Math.max(1, duration.toMillis()), id -> {
      if (failure.isPresent()) {
        elapsed.fail(new InjectedTaskFailure(failure.get()));
      } else {
        elapsed.complete();
      }
    });
    return elapsed.future();
  }

  private static String exitstatus(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("unknown error");
  }

  private String user() {
    return options.tokenId();
  }

  // ---- parameters -------------------------------------------------------------------------

  private String configMissing(int vmid) {
    return "Configuration file 'nodes/" + options.node() + "/lxc/" + vmid + ".conf' does not exist";
  }

  private Integer vmid(RoutingContext ctx) {
    Integer vmid = integer(ctx.pathParam("vmid"));
    if (vmid == null || vmid < 100 || vmid > 999_999_999) {
      PveAnswers.parameterErrors(ctx, Map.of("vmid", "value must have a minimum value of 100"));
      return null;
    }
    return vmid;
  }

  /** Form body (as pve-http-server takes POST/PUT parameters), JSON body, and query string merged. */
  private static MultiMap params(RoutingContext ctx) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    params.addAll(ctx.queryParams());
    String contentType = String.valueOf(ctx.request().getHeader("Content-Type"));
    if (ctx.body() != null && ctx.body().length() > 0) {
      if (contentType.startsWith("application/x-www-form-urlencoded")) {
        new QueryStringDecoder(ctx.body().asString(), StandardCharsets.UTF_8, false)
            .parameters().forEach((name, values) -> values.forEach(value -> params.add(name, value)));
      } else if (contentType.startsWith("application/json")) {
        JsonObject json = ctx.body().asJsonObject();
        if (json != null) {
          json.forEach(e -> params.add(e.getKey(), String.valueOf(e.getValue())));
        }
      }
    }
    return params;
  }

  private static boolean knownParams(RoutingContext ctx, MultiMap params, Set<String> allowed) {
    Map<String, String> unknown = new LinkedHashMap<>();
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        unknown.put(name, NOT_IN_SCHEMA);
      }
    }
    if (!unknown.isEmpty()) {
      PveAnswers.parameterErrors(ctx, unknown);
      return false;
    }
    return true;
  }

  private static void checkRange(MultiMap params, String name, int min, int max, Map<String, String> invalid) {
    String value = params.get(name);
    if (value == null) {
      return;
    }
    Integer number = integer(value);
    if (number == null) {
      invalid.put(name, "type check ('integer') failed - got '" + value + "'");
    } else if (number < min) {
      invalid.put(name, "value must have a minimum value of " + min);
    } else if (number > max) {
      invalid.put(name, "value must have a maximum value of " + max);
    }
  }

  private static Integer integer(String value) {
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A task error whose message becomes the exit status. */
  private static final class TaskError extends RuntimeException {
    TaskError(String message) {
      super(message, null, false, false);
    }
  }

  /** A failure the fault plan asked for; its text is the exit status verbatim. */
  private static final class InjectedTaskFailure extends RuntimeException {
    InjectedTaskFailure(String exitstatus) {
      super(exitstatus, null, false, false);
    }
  }
}
