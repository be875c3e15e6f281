package com.zerolaghub.verticles.monitoring;

import com.zerolaghub.verticles.config.InfraConfig;
import com.zerolaghub.verticles.config.MonitoringConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code /sd/exporters}'s access comes from: the configured token or its file; closed
 * without one unless development mode opens it.
 */
final class SdAccessSource {
  // under the capability's name, as these warnings always were: operators filter on it
  private static final Logger log = LoggerFactory.getLogger(MonitoringCapability.class);

  private SdAccessSource() {}

  static Future<SdAccess> of(Vertx vertx, MonitoringConfig config, InfraConfig infra) {
    if (!config.sdToken().isEmpty()) return Future.succeededFuture(SdAccess.withToken(config.sdToken()));
    if (!config.sdTokenFile().isEmpty()) {
      return vertx.fileSystem().readFile(config.sdTokenFile())
          .recover(err -> Future.failedFuture(new IllegalStateException(
              "cannot read monitoring.sdTokenFile " + config.sdTokenFile() + ": " + err.getMessage(), err)))
          .compose(SdAccessSource::tokenFrom)
          .map(SdAccess::withToken);
    }
    if (config.sdDevelopmentMode() && infra.simulated()) {
      log.warn("DEVELOPMENT MODE: /sd/exporters answers without authentication (no monitoring.sdToken configured). "
          + "Set monitoring.sdToken or monitoring.sdTokenFile before exposing this node.");
      return Future.succeededFuture(SdAccess.open());
    }
    if (config.sdDevelopmentMode()) {
      log.error("monitoring.sdDevelopmentMode is ignored with infra.mode={}: /sd/exporters refuses every request "
          + "until monitoring.sdToken or monitoring.sdTokenFile is set", infra.mode());
    } else {
      log.warn("/sd/exporters refuses every request: no monitoring.sdToken or monitoring.sdTokenFile configured");
    }
    return Future.succeededFuture(SdAccess.closed());
  }

  private static Future<String> tokenFrom(Buffer file) {
    String token = file.toString(StandardCharsets.UTF_8).strip();
    if (token.isEmpty() || token.contains("\n")) {
      return Future.failedFuture(new IllegalStateException("monitoring.sdTokenFile must hold the token on one line"));
    }
    return Future.succeededFuture(token);
  }
}
