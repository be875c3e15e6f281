package com.zerolaghub.verticles.config;

import io.vertx.core.json.JsonObject;

/**
 * What this node runs; N nodes may split the roles between them.
 *
 * @param api        serves the REST API
 * @param proxy      runs the reverse proxy for the browser IDE and consoles
 * @param workers    runs process managers (provisioning, teardown, billing, notifications)
 * @param controller may win the singleton leases (reconciler, schedulers)
 */
public record RolesConfig(boolean api, boolean proxy, boolean workers, boolean controller) {
  public static final boolean DEFAULT_API = true;
  public static final boolean DEFAULT_PROXY = true;
  public static final boolean DEFAULT_WORKERS = true;
  public static final boolean DEFAULT_CONTROLLER = true;

  public static RolesConfig defaults() {
    return new RolesConfig(DEFAULT_API, DEFAULT_PROXY, DEFAULT_WORKERS, DEFAULT_CONTROLLER);
  }

  static RolesConfig from(ConfigSection s) {
    return new RolesConfig(s.bool("api", DEFAULT_API), s.bool("proxy", DEFAULT_PROXY),
        s.bool("workers", DEFAULT_WORKERS), s.bool("controller", DEFAULT_CONTROLLER));
  }

  JsonObject toJson() {
    return new JsonObject().put("api", api).put("proxy", proxy).put("workers", workers).put("controller", controller);
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder holding these values, to change some keys by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets keys by name (the components above); {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private boolean api;
    private boolean proxy;
    private boolean workers;
    private boolean controller;

    private Builder(RolesConfig values) {
      api = values.api;
      proxy = values.proxy;
      workers = values.workers;
      controller = values.controller;
    }

    public Builder api(boolean api) {
      this.api = api;
      return this;
    }

    public Builder proxy(boolean proxy) {
      this.proxy = proxy;
      return this;
    }

    public Builder workers(boolean workers) {
      this.workers = workers;
      return this;
    }

    public Builder controller(boolean controller) {
      this.controller = controller;
      return this;
    }

    public RolesConfig build() {
      return new RolesConfig(api, proxy, workers, controller);
    }
  }
}
