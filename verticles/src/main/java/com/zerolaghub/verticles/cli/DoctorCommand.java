package com.zerolaghub.verticles.cli;

import com.zerolaghub.core.infra.proxmox.ProxmoxHttpAdapter;
import com.zerolaghub.core.infra.proxmox.ProxmoxOptions;
import com.zerolaghub.core.infra.proxmox.ProxmoxReadiness;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zlh doctor}: checks the configured Proxmox VE node before customers do: its release,
 * the templates, and the API token's privileges (a token without VM.Audit sees fewer guests,
 * which nothing else would tell). One line per check; exit 1 when one fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {
        "Checks the Proxmox VE node of infra.* (ZLH_INFRA_*): supported release, templates (servers.*TemplateVmid),",
        "their network for infra.containerAddressing, and the API token's least privileges (docs/proxmox.md).",
        "Prints one line per check; exits 1 when any fails."})
final class DoctorCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = config.load(null);
    InfraConfig infra = cfg.infra();
    PrintWriter out = spec.commandLine().getOut();
    if (infra.simulated()) {
      out.println("infra.mode is simulated: there is no Proxmox node to check (set infra.mode=proxmox)");
      out.flush();
      return 0;
    }
    infra.requireOutsideSystems();
    Vertx vertx = Vertx.vertx();
    try (ProxmoxHttpAdapter proxmox = new ProxmoxHttpAdapter(vertx,
        ProxmoxOptions.of(URI.create(infra.proxmoxUrl()), infra.proxmoxTokenId(), infra.proxmoxTokenSecret())
            .withNode(infra.proxmoxNode()).withTrustAll(infra.proxmoxTrustAll())
            .withRequestTimeout(Duration.ofMillis(infra.requestTimeoutMs())))) {
      List<ProxmoxReadiness.Check> checks = new ProxmoxReadiness(proxmox,
          List.of(cfg.servers().gameTemplateVmid(), cfg.servers().devTemplateVmid()), infra.placement().placement())
          .run().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      boolean ok = true;
      for (ProxmoxReadiness.Check c : checks) {
        out.println((c.ok() ? "ok    " : "FAIL  ") + c.name() + ": " + c.detail());
        ok &= c.ok();
      }
      out.flush();
      return ok ? 0 : 1;
    } finally {
      vertx.close();
    }
  }
}
