package com.zerolaghub.simulators;

import com.zerolaghub.core.infra.agent.CrashClassification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The in-container agent, server side of the project's agent contract ({@code AGENT-API.md}: the
 * platform's own protocol, no outside documentation), on one (loopback) address and port.
 *
 * <ul>
 *   <li>Every call needs {@code Authorization: Bearer <token>}; 401 {@code unauthorized} otherwise.
 *       The token accepted is the one the agent was claimed with (or started with, when the
 *       options name one) until {@code POST /config} brings an {@code agentToken}, then that one.
 *   <li>{@code PUT /token {"token": …}} (docs/agent-token.md): an unclaimed agent takes the token
 *       (204); a claimed one answers 204 when the {@code Authorization} bearer is its current
 *       token (and takes the body's token), else 403 {@code already_claimed}. A container's agent
 *       in the {@link ProxmoxSimulator} starts unclaimed and keeps its token across restarts.
 *   <li>{@code POST /config} is idempotent: the same body twice changes nothing. It needs an
 *       {@code agentToken}; {@code codeServer: true} (or {@code {"enabled":true}}) keeps a dev
 *       container's code-server running across restarts. A game container starts its game after
 *       its first config, and again at every container start once configured.
 *   <li>Game power answers 409 {@code transition_in_progress} while a start/stop/restart, backup or
 *       restore runs; dev containers answer 400 {@code not_a_game_container}.
 *   <li>Files are confined to the server root; any {@code ..} is refused with 400
 *       {@code path_outside_root}.
 *   <li>{@code /console} echoes input as PTY output (binary frames), keeps a 64 KiB scrollback
 *       replayed on connect, closes 1000 when the agent stops and 1011 on {@link #failConsoles()}.
 * </ul>
 *
 * <p>Test hooks: {@link #crashGame}, {@link #gameState()}, {@link #appliedConfig()},
 * {@link #configChanges()}, {@link #codeServerRunning()}, {@link #root()}, {@link #faults(FaultPlan)}.
 */
public final class AgentSimulator {
  private final Vertx vertx;
  private final AgentSimulatorOptions options;
  private final AgentDisk disk;
  private final boolean ownsDisk;
  private final ConsoleScrollback scrollback;
  private final Set<ServerWebSocket> consoles = ConcurrentHashMap.newKeySet();
  private final Object outputOrder = new Object();
  private final AtomicReference<FaultPlan> faults = new AtomicReference<>(FaultPlan.none());
  private final AtomicInteger backupCounter = new AtomicInteger();
  private final SimulatedGame game;
  private final SimulatedCodeServer codeServer;
  private volatile String backupOperation;
  private final RequestCounts requests = new RequestCounts();
  private HttpServer server;

  /**
   * A standalone agent with its own temp server root (deleted by {@link #stop()}). Creating the
   * root is a little blocking file I/O: construct it off the event loop.
   */
  public AgentSimulator(Vertx vertx, AgentSimulatorOptions options) {
    this(vertx, options, AgentDisk.create(options.containerType(), options.bootstrapToken()), true);
  }

  /** An agent on a simulated container's disk (which outlives it). */
  AgentSimulator(Vertx vertx, AgentSimulatorOptions options, AgentDisk disk, boolean ownsDisk) {
    this.vertx = vertx;
    this.options = options;
    this.disk = disk;
    this.ownsDisk = ownsDisk;
    this.scrollback = new ConsoleScrollback(options.scrollbackBytes());
    this.game = new SimulatedGame(vertx, disk, options.transitionDuration(), options.backoffUnit(), this::output);
    this.codeServer = new SimulatedCodeServer(vertx, options.host(), options.codeServerPort(), options.codeServer(),
        disk.root().resolve("workspace"));
  }

  /** Listens on host:port; brings code-server and the game up as a booting container would. */
  public Future<Void> start() {
    Router router = Router.router(vertx);
    router.route().handler(requests);
    router.route().handler(new FaultInjector(vertx, faults::get, (ctx, status) -> error(ctx, status, "injected_fault", "simulated failure")));
    router.put("/token").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(this::claim);
    router.route().handler(this::authenticate);
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("ok", true)));
    router.get("/status").handler(this::status);
    router.post("/config").handler(BodyHandler.create(false).setBodyLimit(1 << 20)).handler(this::config);
    router.post("/game/start").handler(ctx -> power(ctx, game::start));
    router.post("/game/stop").handler(ctx -> power(ctx, game::stop));
    router.post("/game/restart").handler(ctx -> power(ctx, game::restart));
    router.post("/game/command").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::command);
    router.get("/files").handler(this::listFiles);
    router.get("/files/content").handler(this::readFile);
    router.put("/files/content").handler(this::writeFile);
    router.post("/backups").handler(this::createBackup);
    router.get("/backups").handler(this::listBackups);
    router.post("/backups/:id/restore").handler(this::restoreBackup);
    router.post("/dev/codeserver/:action").handler(this::codeServerPower);
    router.get("/console").handler(this::console);
    router.route().last().handler(ctx -> error(ctx, 404, "not_found", "no such endpoint"));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(options.port(), options.host())
        .compose(s -> {
          server = s;
          Future<Void> code = disk.containerType().equals("dev") && disk.codeServerWanted()
              ? codeServer.start() : Future.succeededFuture();
          return code.onSuccess(v -> {
            if (disk.containerType().equals("game") && disk.provisioningComplete()) {
              game.start();
            }
          });
        });
  }

  /** Stops like a shutting-down container: consoles closed normally (1000), game and code-server gone. */
  public Future<Void> stop() {
    for (ServerWebSocket console : List.copyOf(consoles)) {
      console.close((short) 1000, "agent stopping");
    }
    game.halt();
    HttpServer running = server;
    server = null;
    return codeServer.stop()
        .compose(v -> running == null ? Future.<Void>succeededFuture() : running.close())
        .andThen(done -> {
          if (ownsDisk) {
            vertx.executeBlocking(() -> {
              disk.destroy();
              return null;
            });
          }
        });
  }

  public String host() {
    return options.host();
  }

  public int port() {
    return server == null ? options.port() : server.actualPort();
  }

  /** Test hook: the game process dies with this classification; the agent restarts it after the back-off. */
  public void crashGame(CrashClassification classification, Integer exitCode, String signal, List<String> logTail) {
    game.crash(classification, exitCode, signal, logTail);
  }

  /** Test hook: the game state as {@code /status} reports it. */
  public String gameState() {
    return game.state();
  }

  /** Test hook: the config last applied, null before the first. */
  public JsonObject appliedConfig() {
    return disk.appliedConfig();
  }

  /** Test hook: how many configs changed something (repeats of the same body do not count). */
  public int configChanges() {
    return disk.configChanges();
  }

  public boolean codeServerRunning() {
    return codeServer.running();
  }

  /** Test hook: the server root the file endpoints are confined to. */
  public Path root() {
    return disk.root();
  }

  /** Test hook: the console scrollback as a new connection would get it. */
  public Buffer scrollback() {
    return scrollback.snapshot();
  }

  /** Test hook: closes every console with 1011, as on an agent error. */
  public void failConsoles() {
    for (ServerWebSocket console : List.copyOf(consoles)) {
      console.close((short) 1011, "agent error");
    }
  }

  /** Test hook: every request received (method and path), consoles included. */
  public RequestCounts requests() {
    return requests;
  }

  public FaultPlan faults() {
    return faults.get();
  }

  public void faults(FaultPlan plan) {
    faults.set(plan);
  }

  /** Test hook: someone else claims this agent first (as {@code PUT /token} would), e.g. a neighbour on the network. */
  public void claimedBy(String token) {
    if (!disk.claim(token, null)) throw new IllegalStateException("already claimed");
  }

  private void claim(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    if (body == null || !(body.getValue("token") instanceof String token) || token.isBlank()) {
      error(ctx, 400, "invalid_token", "the body must be {\"token\": \"…\"} ");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String presented = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    if (disk.claim(token, presented)) {
      ctx.response().setStatusCode(204).end();
    } else {
      error(ctx, 403, "already_claimed", "this agent already holds another token");
    }
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    if (disk.accepts(token)) {
      ctx.next();
    } else {
      error(ctx, 401, "unauthorized", "missing or wrong agent token");
    }
  }

  private void status(RoutingContext ctx) {
    String operationType = game.operation() != null ? game.operation() : backupOperation;
    JsonObject body = new JsonObject()
        .put("agentVersion", options.agentVersion())
        .put("provisioningComplete", disk.provisioningComplete())
        .put("containerType", disk.containerType())
        .put("game", game.toJson())
        .put("codeServer", new JsonObject()
            .put("installed", disk.containerType().equals("dev"))
            .put("running", codeServer.running())
            .put("port", options.codeServerPort()))
        .put("backup", new JsonObject()
            .put("state", backupOperation == null ? "idle" : backupOperation.equals("backup") ? "running" : "restoring")
            .put("lastBackupAt", disk.lastBackupAt()))
        .put("operation", new JsonObject().put("inProgress", operationType != null).put("type", operationType));
    json(ctx, 200, body);
  }

  private void config(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    if (body == null || !(body.getValue("agentToken") instanceof String token) || token.isBlank()) {
      error(ctx, 400, "invalid_config", "config must be a JSON object with an agentToken");
      return;
    }
    boolean changed = disk.applyConfig(body);
    Future<Void> applied = Future.succeededFuture();
    if (changed && disk.containerType().equals("dev")) {
      applied = disk.codeServerWanted() && !codeServer.running() ? codeServer.start()
          : !disk.codeServerWanted() && codeServer.running() ? codeServer.stop() : applied;
    }
    if (changed && disk.containerType().equals("game") && game.state().equals("stopped")) {
      game.start();
    }
    applied.onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(202).end();
      } else {
        error(ctx, 500, "config_failed", String.valueOf(done.cause().getMessage()));
      }
    });
  }

  private void power(RoutingContext ctx, Supplier<SimulatedGame.Outcome> action) {
    if (!disk.containerType().equals("game")) {
      error(ctx, 400, "not_a_game_container", "this container has no game process");
      return;
    }
    if (backupOperation != null || action.get() == SimulatedGame.Outcome.BUSY) {
      error(ctx, 409, "transition_in_progress", "another operation is running");
      return;
    }
    ctx.response().setStatusCode(202).end();
  }

  private void command(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException notJson) {
      body = null;
    }
    if (body == null || !(body.getValue("command") instanceof String command) || command.isBlank()) {
      error(ctx, 400, "invalid_command", "body must be {\"command\": \"…\"}");
      return;
    }
    output("> " + command + "\r\n");
    ctx.response().setStatusCode(202).end();
  }

  private void listFiles(RoutingContext ctx) {
    Optional<Path> dir = confined(ctx, Optional.ofNullable(ctx.request().getParam("path")).orElse("/"));
    if (dir.isEmpty()) {
      return;
    }
    FileSystem fs = vertx.fileSystem();
    fs.props(dir.get().toString())
        .compose(props -> props.isDirectory()
            ? fs.readDir(dir.get().toString())
            : Future.failedFuture(new NotADirectory()))
        .compose(children -> {
          List<Future<JsonObject>> entries = new ArrayList<>();
          for (String child : children) {
            entries.add(fs.props(child).map(p -> fileEntry(Path.of(child).getFileName().toString(), p)));
          }
          return Future.all(entries).map(all -> {
            List<JsonObject> list = new ArrayList<>(all.<JsonObject>list());
            list.sort(Comparator.comparing(e -> e.getString("name")));
            return new JsonArray(new ArrayList<>(list));
          });
        })
        .onSuccess(list -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(list.encode()))
        .onFailure(e -> fileError(ctx, e));
  }

  private void readFile(RoutingContext ctx) {
    Optional<Path> file = confined(ctx, ctx.request().getParam("path"));
    if (file.isEmpty()) {
      return;
    }
    vertx.fileSystem().props(file.get().toString())
        .compose(props -> props.isDirectory() ? Future.failedFuture(new IsADirectory()) : Future.succeededFuture(props))
        .compose(props -> ctx.response().putHeader("Content-Type", "application/octet-stream").sendFile(file.get().toString()))
        .onFailure(e -> {
          if (ctx.response().headWritten()) {
            ctx.request().connection().close(); // half sent: the client must not take it as complete
          } else {
            fileError(ctx, e);
          }
        });
  }

  private void writeFile(RoutingContext ctx) {
    ctx.request().pause();
    Optional<Path> file = confined(ctx, ctx.request().getParam("path"));
    if (file.isEmpty()) {
      ctx.request().resume();
      return;
    }
    FileSystem fs = vertx.fileSystem();
    String target = file.get().toString();
    fs.exists(target)
        .compose(exists -> exists ? fs.props(target) : Future.<FileProps>succeededFuture(null))
        .compose(props -> props != null && props.isDirectory() ? Future.failedFuture(new IsADirectory()) : Future.succeededFuture())
        .compose(v -> fs.mkdirs(file.get().getParent().toString()).recover(e -> Future.succeededFuture()))
        .compose(v -> fs.open(target, new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true)))
        .compose(out -> ctx.request().pipeTo(out))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> {
          ctx.request().resume();
          fileError(ctx, e);
        });
  }

  private void createBackup(RoutingContext ctx) {
    if (!beginBackupOperation("backup")) {
      error(ctx, 409, "transition_in_progress", "another operation is running");
      return;
    }
    String id = "bk-" + backupCounter.incrementAndGet() + "-" + System.currentTimeMillis();
    String createdAt = Instant.now().toString();
    disk.putBackup(new AgentDisk.Backup(id, createdAt, 0, "running"));
    output("save-off\r\nsave-all flush\r\n");
    vertx.setTimer(Math.max(1, options.transitionDuration().toMillis()), t ->
        vertx.executeBlocking(() -> copyTree(disk.root(), disk.backupsDir().resolve(id)))
            .onComplete(done -> {
              disk.putBackup(new AgentDisk.Backup(id, createdAt, done.succeeded() ? done.result() : 0,
                  done.succeeded() ? "completed" : "failed"));
              output("save-on\r\n");
              backupOperation = null;
            }));
    json(ctx, 202, new JsonObject().put("backupId", id));
  }

  private void listBackups(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    disk.backups().forEach(b -> list.add(b.toJson()));
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(list.encode());
  }

  private void restoreBackup(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Optional<AgentDisk.Backup> backup = disk.backups().stream().filter(b -> b.backupId().equals(id)).findFirst();
    if (backup.isEmpty()) {
      error(ctx, 404, "not_found", "no backup " + id);
      return;
    }
    if (!"completed".equals(backup.get().state())) {
      error(ctx, 409, "backup_not_ready", "backup " + id + " is " + backup.get().state());
      return;
    }
    if (!beginBackupOperation("restore")) {
      error(ctx, 409, "transition_in_progress", "another operation is running");
      return;
    }
    vertx.setTimer(Math.max(1, options.transitionDuration().toMillis()), t ->
        vertx.executeBlocking(() -> {
              clearTree(disk.root());
              return copyTree(disk.backupsDir().resolve(id), disk.root());
            })
            .onComplete(done -> {
              output("[zlh-agent] restored backup " + id + "\r\n");
              backupOperation = null;
            }));
    ctx.response().setStatusCode(202).end();
  }

  private synchronized boolean beginBackupOperation(String type) {
    if (backupOperation != null || game.busy()) {
      return false;
    }
    backupOperation = type;
    return true;
  }

  private void codeServerPower(RoutingContext ctx) {
    String action = ctx.pathParam("action");
    if (!disk.containerType().equals("dev")) {
      error(ctx, 400, "not_a_dev_container", "code-server runs in dev containers only");
      return;
    }
    Future<Void> done;
    switch (action) {
      case "start":
        disk.codeServerWanted(true);
        done = codeServer.running() ? Future.succeededFuture() : codeServer.start();
        break;
      case "stop":
        disk.codeServerWanted(false);
        done = codeServer.stop();
        break;
      case "restart":
        disk.codeServerWanted(true);
        done = codeServer.stop().compose(v -> codeServer.start());
        break;
      default:
        error(ctx, 404, "not_found", "no such code-server action");
        return;
    }
    done.onSuccess(v -> ctx.response().setStatusCode(202).end())
        .onFailure(e -> error(ctx, 500, "codeserver_failed", String.valueOf(e.getMessage())));
  }

  private void console(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      error(ctx, 400, "websocket_required", "/console is a WebSocket");
      return;
    }
    ctx.request().toWebSocket().onSuccess(this::attachConsole);
  }

  private void attachConsole(ServerWebSocket socket) {
    synchronized (outputOrder) {
      Buffer replay = scrollback.snapshot();
      if (replay.length() > 0) {
        socket.writeBinaryMessage(replay);
      }
      consoles.add(socket);
    }
    socket.closeHandler(v -> consoles.remove(socket));
    socket.textMessageHandler(text -> {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (RuntimeException notJson) {
        return; // not ours to interpret; a PTY ignores garbage too
      }
      if ("input".equals(frame.getString("type")) && frame.getValue("data") instanceof String data) {
        output(data); // the PTY echoes what is typed
      }
    });
  }

  /** PTY output: kept in the scrollback and sent to every open console, in one order. */
  private void output(String text) {
    Buffer bytes = Buffer.buffer(text);
    synchronized (outputOrder) {
      scrollback.append(bytes);
      for (ServerWebSocket console : consoles) {
        console.writeBinaryMessage(bytes);
      }
    }
  }

  private Optional<Path> confined(RoutingContext ctx, String requested) {
    if (requested == null) {
      error(ctx, 400, "path_required", "path parameter required");
      return Optional.empty();
    }
    Optional<Path> path = ConfinedPath.resolve(disk.root(), requested);
    if (path.isEmpty()) {
      error(ctx, 400, "path_outside_root", "path must stay inside the server root");
    }
    return path;
  }

  private static JsonObject fileEntry(String name, FileProps props) {
    return new JsonObject()
        .put("name", name)
        .put("type", props.isDirectory() ? "directory" : "file")
        .put("size", props.isDirectory() ? 0 : props.size())
        .put("modified", Instant.ofEpochMilli(props.lastModifiedTime()).toString());
  }

  private static void fileError(RoutingContext ctx, Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (e instanceof NotADirectory) {
      error(ctx, 400, "not_a_directory", "path is not a folder");
    } else if (e instanceof IsADirectory) {
      error(ctx, 400, "is_a_directory", "path is a folder");
    } else if (cause instanceof NoSuchFileException || String.valueOf(e.getMessage()).contains("NoSuchFile")) {
      error(ctx, 404, "not_found", "no such file or folder");
    } else {
      error(ctx, 500, "io_error", "file operation failed");
    }
  }

  private static long copyTree(Path from, Path to) throws IOException {
    long[] bytes = {0};
    Files.createDirectories(to);
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        bytes[0] += attrs.size();
        return FileVisitResult.CONTINUE;
      }
    });
    return bytes[0];
  }

  private static void clearTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    }
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("error", code).put("message", message));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  private static final class NotADirectory extends RuntimeException {
    NotADirectory() {
      super("not a directory", null, false, false);
    }
  }

  private static final class IsADirectory extends RuntimeException {
    IsADirectory() {
      super("is a directory", null, false, false);
    }
  }
}
