package com.zerolaghub.verticles.cli;

import com.zerolaghub.simulators.StripeSimulator;
import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.infra.SimulatedSystems;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zlh simulators}: the simulated Proxmox (with an agent on each started container's own
 * 127.x.y.z address), Cloudflare and Velocity in a process of their own, so nodes running
 * {@code infra.mode=proxmox} share one set of outside systems, as in production.
 */
@Command(name = "simulators", mixinStandardHelpOptions = true,
    description = {
        "Runs simulators of Proxmox VE (and the agents), Cloudflare DNS, the Velocity bridge and Stripe until SIGTERM/SIGINT.",
        "They accept the tokens configured in infra.* (ZLH_INFRA_*; generated when blank). Prints one JSON line",
        "with the infra.* keys that point nodes of infra.mode=proxmox at them (generated tokens included)."})
final class SimulatorsCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;
  @Spec CommandSpec spec;

  @Option(names = "--proxmox-port", paramLabel = "PORT", description = "Port of the Proxmox API (default: a free one).")
  int proxmoxPort;

  @Option(names = "--cloudflare-port", paramLabel = "PORT", description = "Port of the Cloudflare API (default: a free one).")
  int cloudflarePort;

  @Option(names = "--velocity-port", paramLabel = "PORT", description = "Port of the Velocity bridge (default: a free one).")
  int velocityPort;

  @Option(names = "--stripe-port", paramLabel = "PORT", description = "Port of the Stripe API (default: a free one).")
  int stripePort;

  @Option(names = "--stripe-webhook-url", paramLabel = "URL",
      description = "Webhook endpoint the Stripe simulator delivers events to (repeatable), e.g. http://lb:8080/api/billing/webhook.")
  List<String> stripeWebhookUrls = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PlatformConfig cfg = config.load(null);
    InfraConfig configured = cfg.infra();
    Vertx vertx = Vertx.vertx();
    SimulatedSystems sims;
    try {
      sims = SimulatedSystems.start(vertx, configured, cfg.servers(),
              new SimulatedSystems.Ports(proxmoxPort, cloudflarePort, velocityPort), true)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    InfraConfig reach = sims.adapterConfig(configured.toBuilder().mode(InfraConfig.MODE_PROXMOX).build());
    JsonObject infra = new JsonObject().put("mode", reach.mode()).put("proxmoxUrl", reach.proxmoxUrl())
        .put("proxmoxNode", reach.proxmoxNode()).put("proxmoxTokenId", reach.proxmoxTokenId())
        .put("cloudflareApiBase", reach.cloudflareApiBase()).put("cloudflareZoneId", reach.cloudflareZoneId())
        .put("velocityUrl", reach.velocityUrl()).put("agentPort", reach.agentPort());
    // Only tokens made up here are shown: configured ones are the operator's already.
    if (configured.proxmoxTokenSecret().isBlank()) infra.put("proxmoxTokenSecret", reach.proxmoxTokenSecret());
    if (configured.cloudflareToken().isBlank()) infra.put("cloudflareToken", reach.cloudflareToken());
    if (configured.velocityToken().isBlank()) infra.put("velocityToken", reach.velocityToken());
    // Stripe: the configured key and webhook secret are the accepted ones (generated when blank)
    String stripeKey = cfg.billing().stripeApiKey().isBlank() ? "sk_test_sim_" + random() : cfg.billing().stripeApiKey();
    String webhookSecret = cfg.billing().webhookSecret().isBlank() ? "whsec_sim_" + random() : cfg.billing().webhookSecret();
    StripeSimulator stripe = new StripeSimulator(vertx, stripeKey, stripePort, Clock.systemUTC());
    stripe.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (String url : stripeWebhookUrls) stripe.addWebhookEndpoint(url, webhookSecret);
    JsonObject billing = new JsonObject().put("stripeApiBase", stripe.apiBase());
    if (cfg.billing().stripeApiKey().isBlank()) billing.put("stripeApiKey", stripeKey);
    if (cfg.billing().webhookSecret().isBlank()) billing.put("webhookSecret", webhookSecret);
    PrintWriter out = spec.commandLine().getOut();
    out.println(new JsonObject().put("infra", infra).put("billing", billing).encode());
    out.flush();
    UntilSignalled.await(() -> {
      try {
        sims.stop().eventually(stripe::stop).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      } finally {
        vertx.close();
      }
    });
    return 0;
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
