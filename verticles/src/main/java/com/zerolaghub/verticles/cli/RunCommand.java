package com.zerolaghub.verticles.cli;

import com.zerolaghub.verticles.config.HttpConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.runtime.LogFormat;
import com.zerolaghub.verticles.runtime.NodeCapabilities;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.runtime.ShutdownSignals;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Runs a node until SIGTERM/SIGINT, then stops gracefully and exits 0.",
        "Starts an embedded PostgreSQL and Redis (data in --data-dir) unless db.host / redis.uri are configured."})
final class RunCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions config;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the API (default: 8080).")
  Integer httpPort;

  @Option(names = "--infra", paramLabel = "MODE",
      description = "simulated (built-in simulators of Proxmox, Cloudflare, Velocity and agents) or proxmox (default: infra.mode).")
  String infra;

  @Override
  public Integer call() throws Exception {
    JsonObject overrides = new JsonObject();
    if (httpPort != null) overrides.put("http", new JsonObject().put("port", httpPort));
    if (infra != null) overrides.put("infra", new JsonObject().put("mode", infra));
    PlatformConfig cfg = config.load(overrides);
    if (httpPort != null && cfg.http().publicUrl().equals(HttpConfig.DEFAULT_PUBLIC_URL)) {
      // the laptop default names port 8080: follow the port asked for, or the portal's own sockets are foreign
      cfg = cfg.with(c -> c.http(h -> h.publicUrl("http://localhost:" + httpPort)));
    }
    LogFormat.apply(cfg.log().json());
    List<Capability> capabilities = NodeCapabilities.forNode(cfg);
    Platform platform = Platform.builder(cfg).capabilities(capabilities).start()
        .toCompletionStage().toCompletableFuture().get();
    ShutdownSignals.install(platform);
    int devHostPort = NodeCapabilities.devHostPort(capabilities);
    spec.commandLine().getOut().print(RunBanner.text(cfg, platform.httpPort(), devHostPort));
    spec.commandLine().getOut().flush();
    platform.awaitStopped();
    return 0;
  }
}
