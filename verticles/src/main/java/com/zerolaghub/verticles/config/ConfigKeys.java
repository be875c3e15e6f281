package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The registry of configuration keys: each key with its environment variable, its default and a
 * one-line meaning. Names and defaults are read from the sections' defaults (their
 * {@code DEFAULT_*} constants), so they are written once; the meanings are listed below and must
 * name exactly those keys. The variable is {@code ZLH_<SECTION>_<KEY>} with the key in upper
 * snake case ({@code http.bodyLimitBytes} → {@code ZLH_HTTP_BODY_LIMIT_BYTES}).
 * docs/configuration.md's tables are checked against {@link #all()} by ConfigurationDocTest.
 */
public final class ConfigKeys {
  public static final String ENV_PREFIX = "ZLH_";

  private ConfigKeys() {}

  /** One key: its section, its name inside the section, its environment variable, default and meaning. */
  public record Key(String section, String name, String envName, Object defaultValue, String meaning) {
    public String path() {
      return section + "." + name;
    }
  }

  /** What each key is for, one line each, by {@code section.key}. */
  private static final Map<String, String> MEANINGS = meanings(
      "http.port", "TCP port of the API, /health/*, /metrics and /openapi.yaml; 0 picks a free port",
      "http.host", "Address to bind; 0.0.0.0 listens on every interface",
      "http.bodyLimitBytes", "Largest request body accepted; a larger one is answered 413 (payload-too-large)",
      "http.publicUrl", "Where people reach the portal; links in mails start with it, and its origin may open cookie-authenticated WebSockets",
      "http.allowedOrigins", "More browser origins allowed to open cookie-authenticated WebSockets, comma-separated scheme://host[:port]",
      "http.trustForwardedFor", "Take the client address from the last X-Forwarded-For entry (only behind a proxy that sets it)",
      "http.headerTimeoutMs", "A request's line and headers must arrive within this time, else the connection is closed; 0 switches it off",
      "http.idleTimeoutMs", "A keep-alive connection with no request in flight is closed after this long; 0 switches it off",
      "http.drainGraceMs", "How long a draining node keeps serving after readiness turned 503, before it closes its WebSockets and listener",
      "db.host", "PostgreSQL host; empty starts an embedded PostgreSQL",
      "db.port", "PostgreSQL port (ignored in embedded mode)",
      "db.database", "Database holding the event log and read models",
      "db.user", "User name (embedded mode uses postgres)",
      "db.password", "Password; never logged",
      "db.poolSize", "Connections in the node's pool",
      "redis.uri", "Connection string, redis://[:password@]host:port/db (or rediss://); empty starts an embedded Redis",
      "redis.maxPoolSize", "Connections the node's Redis client opens at most",
      "redis.maxPoolWaiting", "Commands that may wait for a free connection; past that a command fails at once",
      "data.dir", "Local state: the embedded PostgreSQL's data and the remembered ports",
      "log.json", "auto: readable lines in a terminal, JSON lines otherwise; true or false forces JSON or plain text",
      "infra.mode", "simulated: built-in simulators of every outside system; proxmox: the real systems configured below",
      "infra.proxmoxUrl", "Proxmox VE API base, e.g. https://pve1.internal:8006/api2/json",
      "infra.proxmoxNode", "Node whose containers the platform manages",
      "infra.proxmoxTokenId", "API token id, user@realm!tokenid",
      "infra.proxmoxTokenSecret", "The API token's secret; never logged",
      "infra.proxmoxTrustAll", "Accept any TLS certificate (self-signed lab nodes only)",
      "infra.cloudflareApiBase", "Cloudflare API v4 base",
      "infra.cloudflareZoneId", "Zone holding the game servers' SRV records",
      "infra.cloudflareToken", "API token with DNS Write on the zone; never logged",
      "infra.velocityUrl", "Base URL of the Velocity bridge plugin",
      "infra.velocityToken", "Bridge bearer token; never logged",
      "infra.agentPort", "Port of the in-container agents",
      "infra.requestTimeoutMs", "Deadline of each HTTP call to Proxmox, Cloudflare, Velocity or an agent",
      "infra.simTaskDurationMs", "Simulated mode only: how long each simulated Proxmox task (clone, start, shutdown, destroy) runs",
      "infra.simCodeServer", "Simulated mode only: the code-server binary simulated dev containers run; empty looks on PATH, off runs none",
      "infra.containerAddressing", "How each container gets its address: dhcp or pool",
      "infra.addressPool", "pool addressing: the containers' addresses, first-last/prefix",
      "infra.addressGateway", "pool addressing: the containers' gateway",
      "infra.addressPoolFirstVmid", "pool addressing: the vmid that gets the pool's first address",
      "infra.cloneMode", "linked clones share the template's disk; full clones copy it",
      "infra.cloneStorage", "Full clones: the storage for the new container's disk",
      "servers.platformSecret", "Key the agent tokens are derived from (at least 32 characters)",
      "servers.workerConcurrency", "Operations (creates, host power, deletes) the active worker runs at once",
      "servers.gameDomain", "Players connect to <name>-<vmid>.<gameDomain> (the SRV records' names)",
      "servers.edgeHost", "Public host of the Velocity edge proxy, the SRV records' target",
      "servers.edgePort", "Public port of the Velocity edge proxy",
      "servers.gamePort", "Port the game listens on inside its container, registered with Velocity",
      "servers.gameTemplateVmid", "Proxmox template cloned for game servers",
      "servers.devTemplateVmid", "Proxmox template cloned for dev servers",
      "servers.stepRetryMs", "How long a repeatable step keeps retrying transient failures before its operation fails",
      "servers.taskTimeoutMs", "Longest wait for one Proxmox task (clone, start, shutdown, destroy)",
      "servers.agentWaitMs", "Longest wait for a started container's agent to answer",
      "servers.shutdownGraceMs", "Clean shutdown time of a host before Proxmox stops it hard",
      "servers.statusTimeoutMs", "Deadline of each call made for GET /api/servers/:id/status",
      "servers.uploadLimitBytes", "Largest file upload (PUT …/files/content, streamed to the agent)",
      "servers.starterServerLimit", "Servers an account on the starter plan may hold",
      "servers.proServerLimit", "Servers an account on the pro plan may hold",
      "roles.api", "Serves the REST API's operations",
      "roles.proxy", "Runs the reverse proxy for the browser IDE and consoles",
      "roles.workers", "Runs process managers (provisioning, teardown, billing, notifications) and consumes the repair queue",
      "roles.controller", "Stands for the controller lease (drift passes, repair planning)",
      "auth.bcryptCost", "bcrypt work factor of new password hashes (4–31, each step doubles the time)",
      "auth.sessionTtlHours", "How long a session (cookie zlh_session or bearer token) lasts after login",
      "auth.resetTtlMinutes", "How long an emailed password-reset link works (once)",
      "auth.cookieSecure", "Mark session cookies Secure even on plain-HTTP requests (behind a TLS-terminating proxy)",
      "auth.rateWindowSeconds", "Length of the window the limits below count in",
      "auth.loginPerIp", "Login attempts per client address per window",
      "auth.loginPerEmail", "Login attempts per account email per window (also password changes per account)",
      "auth.registerPerIp", "Registrations per client address per window",
      "auth.resetPerIp", "Password-reset requests and confirmations per client address per window",
      "auth.resetPerEmail", "Password-reset requests per email per window",
      "mail.host", "SMTP host",
      "mail.port", "SMTP port",
      "mail.tls", "starttls, tls (implicit, usually port 465) or none (local relays only)",
      "mail.from", "Sender address, optionally with a name",
      "mail.username", "SMTP login; empty sends without logging in",
      "mail.password", "SMTP password; never logged",
      "mail.sendTimeoutMs", "Longest wait for the SMTP server to accept one message; past it the send fails and is retried",
      "monitoring.sdToken", "Bearer token Prometheus must send to /sd/exporters and /metrics; never logged",
      "monitoring.sdTokenFile", "File holding the token instead, read at start",
      "monitoring.sdDevelopmentMode", "With no token configured, serve /sd/exporters without authentication and log a warning at start",
      "monitoring.exporterPort", "Port of the exporter in every container; targets are <container address>:<port>",
      "monitoring.prometheusUrl", "Base URL of the Prometheus whose query API (/api/v1/query) answers the summaries",
      "monitoring.prometheusTimeoutMs", "How long a summary waits for Prometheus before answering 503",
      "monitoring.summaryStaleSeconds", "A sample older than this is reported as null with stale: true, never as 0",
      "billing.stripeApiKey", "Stripe secret key (sk_…)",
      "billing.stripeApiBase", "Stripe API base URL; empty is the real API, a URL points stripe-java at the Stripe simulator",
      "billing.webhookSecret", "Webhook signing secret (whsec_…); empty refuses every webhook",
      "billing.webhookToleranceSeconds", "Oldest accepted Stripe-Signature timestamp, in seconds",
      "billing.warning", "Time in warning (payment failed) before final_warning (backups refused)",
      "billing.finalWarning", "Time in final_warning before suspended (every host stopped; create and start refused)",
      "billing.checkInterval", "How often the billing_enforcement worker looks for due escalations",
      "billing.checkoutSuccessUrl", "Where Stripe Checkout returns the customer after paying",
      "billing.checkoutCancelUrl", "Where it returns them when they cancel",
      "billing.auditKeyPath", "Ed25519 private key (PKCS#8 PEM) signing audit exports; empty disables the export",
      "billing.auditKeyId", "Key id written into each export's trailer, to tell rotated keys apart",
      "proxy.port", "Port the dev-host proxy listens on",
      "proxy.host", "Address the dev-host proxy binds",
      "proxy.devDomain", "Domain of the dev hosts (dev-<vmid>.localhost resolves to loopback in browsers)",
      "proxy.publicScheme", "Scheme of the IDE links handed to browsers (https behind TLS)",
      "proxy.publicPort", "Port of those links; 0 means proxy.port, -1 the scheme's default",
      "support.discordWebhookUrl", "Ops channel webhook URL; it contains a token, so it is never logged",
      "support.pollMillis", "How often each node's sender looks for due notifications",
      "support.claimSeconds", "How long a sender holds a notification; a node that dies holding one hands it on after this",
      "support.maxAttempts", "Attempts before a notification is recorded as failed",
      "support.backoffMaxMillis", "Longest pause between two attempts (doubling from 500 ms)",
      "controller.leaseTtlMs", "Controller lease TTL: a dead leader is replaced within it (renewed every third)",
      "controller.passIntervalMs", "Time between full drift passes; server and repair events also start one (at most one at a time)",
      "controller.stuckOperationMs", "An open operation without progress for this long is stuck",
      "controller.agentChecksPerPass", "Agents asked for their status per pass (round robin)",
      "controller.level1", "Level-1 repairs: dry-run plans and records them, live also runs them");

  /**
   * Every key, section by section in the order of {@link PlatformConfig}.
   *
   * @throws IllegalStateException when a section has a key without a meaning here, or a meaning
   *                               names a key no section has (caught by the tests of this package)
   */
  public static List<Key> all() {
    JsonObject defaults = PlatformConfig.defaults().toJson();
    List<Key> keys = new ArrayList<>();
    for (String section : defaults.fieldNames()) {
      JsonObject values = defaults.getJsonObject(section);
      for (String name : values.fieldNames()) {
        String meaning = MEANINGS.get(section + "." + name);
        if (meaning == null) throw new IllegalStateException("configuration key " + section + "." + name + " has no meaning in ConfigKeys");
        keys.add(new Key(section, name, envName(section, name), values.getValue(name), meaning));
      }
    }
    if (keys.size() != MEANINGS.size()) {
      Set<String> unknown = new LinkedHashSet<>(MEANINGS.keySet());
      keys.forEach(k -> unknown.remove(k.path()));
      throw new IllegalStateException("ConfigKeys gives meanings to keys no section has: " + unknown);
    }
    return keys;
  }

  /** The sections, in order, each with the names of its keys. */
  static Map<String, List<String>> namesBySection() {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    for (Key k : all()) sections.computeIfAbsent(k.section(), s -> new ArrayList<>()).add(k.name());
    return sections;
  }

  public static String envName(String section, String key) {
    return ENV_PREFIX + section.toUpperCase(Locale.ROOT) + "_" + upperSnake(key);
  }

  /**
   * The configuration layer set by environment variables: only known {@code ZLH_*} names are
   * read (nothing else of the environment enters the configuration), nested by section.
   */
  public static JsonObject fromEnvironment(Map<String, String> env) {
    JsonObject layer = new JsonObject();
    Map<String, Key> byEnv = new LinkedHashMap<>();
    for (Key k : all()) byEnv.put(k.envName(), k);
    for (Map.Entry<String, Key> e : byEnv.entrySet()) {
      String value = env.get(e.getKey());
      if (value == null) continue;
      Key k = e.getValue();
      JsonObject section = layer.getJsonObject(k.section());
      if (section == null) {
        section = new JsonObject();
        layer.put(k.section(), section);
      }
      section.put(k.name(), value);
    }
    return layer;
  }

  private static Map<String, String> meanings(String... pathThenMeaning) {
    Map<String, String> meanings = new LinkedHashMap<>();
    for (int i = 0; i < pathThenMeaning.length; i += 2) meanings.put(pathThenMeaning[i], pathThenMeaning[i + 1]);
    return meanings;
  }

  static String upperSnake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) out.append('_');
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }
}
