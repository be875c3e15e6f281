package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Consumer;

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

  /**
   * A copy with some keys changed, each named: {@code config.with(c -> c.http(h -> h.port(0)).servers(s -> s.workerConcurrency(4)))}.
   * Sections are checked as their constructors check them.
   */
  public PlatformConfig with(Consumer<Builder> change) {
    Builder builder = new Builder(this);
    change.accept(builder);
    return builder.build();
  }

  /** Replaces whole sections or changes keys of a section by name; starts from the configuration it copies. */
  public static final class Builder {
    private HttpConfig http;
    private DbConfig db;
    private RedisConfig redis;
    private DataConfig data;
    private LogConfig log;
    private InfraConfig infra;
    private RolesConfig roles;
    private AuthConfig auth;
    private MailConfig mail;
    private BillingConfig billing;
    private MonitoringConfig monitoring;
    private ServersConfig servers;
    private ProxyConfig proxy;
    private SupportConfig support;
    private ControllerConfig controller;

    private Builder(PlatformConfig values) {
      http = values.http;
      db = values.db;
      redis = values.redis;
      data = values.data;
      log = values.log;
      infra = values.infra;
      roles = values.roles;
      auth = values.auth;
      mail = values.mail;
      billing = values.billing;
      monitoring = values.monitoring;
      servers = values.servers;
      proxy = values.proxy;
      support = values.support;
      controller = values.controller;
    }

    public Builder http(HttpConfig http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public Builder http(Consumer<HttpConfig.Builder> change) {
      HttpConfig.Builder section = http.toBuilder();
      change.accept(section);
      http = section.build();
      return this;
    }

    public Builder db(DbConfig db) {
      this.db = Objects.requireNonNull(db, "db");
      return this;
    }

    public Builder db(Consumer<DbConfig.Builder> change) {
      DbConfig.Builder section = db.toBuilder();
      change.accept(section);
      db = section.build();
      return this;
    }

    public Builder redis(RedisConfig redis) {
      this.redis = Objects.requireNonNull(redis, "redis");
      return this;
    }

    public Builder redis(Consumer<RedisConfig.Builder> change) {
      RedisConfig.Builder section = redis.toBuilder();
      change.accept(section);
      redis = section.build();
      return this;
    }

    public Builder data(DataConfig data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    public Builder log(LogConfig log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Builder infra(InfraConfig infra) {
      this.infra = Objects.requireNonNull(infra, "infra");
      return this;
    }

    public Builder infra(Consumer<InfraConfig.Builder> change) {
      InfraConfig.Builder section = infra.toBuilder();
      change.accept(section);
      infra = section.build();
      return this;
    }

    public Builder roles(RolesConfig roles) {
      this.roles = Objects.requireNonNull(roles, "roles");
      return this;
    }

    public Builder roles(Consumer<RolesConfig.Builder> change) {
      RolesConfig.Builder section = roles.toBuilder();
      change.accept(section);
      roles = section.build();
      return this;
    }

    public Builder auth(AuthConfig auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    public Builder auth(Consumer<AuthConfig.Builder> change) {
      AuthConfig.Builder section = auth.toBuilder();
      change.accept(section);
      auth = section.build();
      return this;
    }

    public Builder mail(MailConfig mail) {
      this.mail = Objects.requireNonNull(mail, "mail");
      return this;
    }

    public Builder mail(Consumer<MailConfig.Builder> change) {
      MailConfig.Builder section = mail.toBuilder();
      change.accept(section);
      mail = section.build();
      return this;
    }

    public Builder billing(BillingConfig billing) {
      this.billing = Objects.requireNonNull(billing, "billing");
      return this;
    }

    public Builder billing(Consumer<BillingConfig.Builder> change) {
      BillingConfig.Builder section = billing.toBuilder();
      change.accept(section);
      billing = section.build();
      return this;
    }

    public Builder monitoring(MonitoringConfig monitoring) {
      this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
      return this;
    }

    public Builder monitoring(Consumer<MonitoringConfig.Builder> change) {
      MonitoringConfig.Builder section = monitoring.toBuilder();
      change.accept(section);
      monitoring = section.build();
      return this;
    }

    public Builder servers(ServersConfig servers) {
      this.servers = Objects.requireNonNull(servers, "servers");
      return this;
    }

    public Builder servers(Consumer<ServersConfig.Builder> change) {
      ServersConfig.Builder section = servers.toBuilder();
      change.accept(section);
      servers = section.build();
      return this;
    }

    public Builder proxy(ProxyConfig proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    public Builder proxy(Consumer<ProxyConfig.Builder> change) {
      ProxyConfig.Builder section = proxy.toBuilder();
      change.accept(section);
      proxy = section.build();
      return this;
    }

    public Builder support(SupportConfig support) {
      this.support = Objects.requireNonNull(support, "support");
      return this;
    }

    public Builder support(Consumer<SupportConfig.Builder> change) {
      SupportConfig.Builder section = support.toBuilder();
      change.accept(section);
      support = section.build();
      return this;
    }

    public Builder controller(ControllerConfig controller) {
      this.controller = Objects.requireNonNull(controller, "controller");
      return this;
    }

    public Builder controller(Consumer<ControllerConfig.Builder> change) {
      ControllerConfig.Builder section = controller.toBuilder();
      change.accept(section);
      controller = section.build();
      return this;
    }

    PlatformConfig build() {
      return new PlatformConfig(http, db, redis, data, log, infra, roles, auth, mail, billing, monitoring, servers, proxy, support, controller);
    }
  }
}
