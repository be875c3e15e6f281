package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The node's whole configuration, one record per section. Built by {@link ConfigLoader} from
 * defaults, an optional file, {@code ZLH_*} environment variables and command-line options.
 * {@link #toString()} hides passwords; {@link #toJson()} does not, so never log it.
 */
public record PlatformConfig(
    HttpConfig http, DbConfig db, RedisConfig redis, DataConfig data, LogConfig log, InfraConfig infra, RolesConfig roles,
    AuthConfig auth, MailConfig mail, BillingConfig billing,
    MonitoringConfig monitoring, ServersConfig servers, ProxyConfig proxy, SupportConfig support,
    ControllerConfig controller) {

  public PlatformConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(infra, "infra");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(billing, "billing");
    Objects.requireNonNull(monitoring, "monitoring");
    Objects.requireNonNull(servers, "servers");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(support, "support");
    Objects.requireNonNull(controller, "controller");
  }

  public static PlatformConfig defaults() {
    return new PlatformConfig(HttpConfig.defaults(), DbConfig.defaults(), RedisConfig.defaults(), DataConfig.defaults(),
        LogConfig.defaults(), InfraConfig.defaults(), RolesConfig.defaults(), AuthConfig.defaults(), MailConfig.defaults(),
        BillingConfig.defaults(), MonitoringConfig.defaults(), ServersConfig.defaults(), ProxyConfig.defaults(), SupportConfig.defaults(),
        ControllerConfig.defaults());
  }

  /** Reads a merged configuration document; absent keys take their defaults. */
  public static PlatformConfig fromJson(JsonObject json) {
    return new PlatformConfig(
        HttpConfig.from(ConfigSection.of(json, "http")),
        DbConfig.from(ConfigSection.of(json, "db")),
        RedisConfig.from(ConfigSection.of(json, "redis")),
        DataConfig.from(ConfigSection.of(json, "data")),
        LogConfig.from(ConfigSection.of(json, "log")),
        InfraConfig.from(ConfigSection.of(json, "infra")),
        RolesConfig.from(ConfigSection.of(json, "roles")),
        AuthConfig.from(ConfigSection.of(json, "auth")),
        MailConfig.from(ConfigSection.of(json, "mail")),
        BillingConfig.from(ConfigSection.of(json, "billing")),
        MonitoringConfig.from(ConfigSection.of(json, "monitoring")),
        ServersConfig.from(ConfigSection.of(json, "servers")),
        ProxyConfig.from(ConfigSection.of(json, "proxy")),
        SupportConfig.from(ConfigSection.of(json, "support")),
        ControllerConfig.from(ConfigSection.of(json, "controller")));
  }

  /** Every key with its value, passwords included. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("http", http.toJson())
        .put("db", db.toJson())
        .put("redis", redis.toJson())
        .put("data", data.toJson())
        .put("log", log.toJson())
        .put("infra", infra.toJson())
        .put("roles", roles.toJson())
        .put("auth", auth.toJson())
        .put("mail", mail.toJson())
        .put("billing", billing.toJson())
        .put("monitoring", monitoring.toJson())
        .put("servers", servers.toJson())
        .put("proxy", proxy.toJson())
        .put("support", support.toJson())
        .put("controller", controller.toJson());
  }

  public PlatformConfig withHttp(HttpConfig http) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withDb(DbConfig db) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withRedis(RedisConfig redis) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withData(DataConfig data) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withInfra(InfraConfig infra) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withAuth(AuthConfig auth) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withMail(MailConfig mail) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withBilling(BillingConfig billing) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withMonitoring(MonitoringConfig monitoring) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withServers(ServersConfig servers) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withProxy(ProxyConfig proxy) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withSupport(SupportConfig support) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }

  public PlatformConfig withController(ControllerConfig controller) {
    return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
  }
}
