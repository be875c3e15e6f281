package com.zerolaghub.verticles.infra;

import com.zerolaghub.core.infra.proxmox.ProxmoxPort;
import com.zerolaghub.core.infra.proxmox.ProxmoxReadiness;
import com.zerolaghub.verticles.config.PlatformConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start (proxmox mode), the checks of {@code zlh doctor} once, in the background: what fails
 * is logged as a warning naming the fix, so a missing privilege or a template with a fixed
 * address shows in the log before a customer's create fails on it. Never holds the start up.
 */
final class ProxmoxStartupCheck {
  private static final Logger log = LoggerFactory.getLogger(ProxmoxStartupCheck.class);

  private ProxmoxStartupCheck() {}

  static void run(ProxmoxPort proxmox, PlatformConfig config) {
    new ProxmoxReadiness(proxmox, List.of(config.servers().gameTemplateVmid(), config.servers().devTemplateVmid()),
        config.infra().placement().placement())
        .run()
        .onSuccess(checks -> checks.forEach(c -> {
          if (c.ok()) {
            log.info("proxmox check {}: {}", c.name(), c.detail());
          } else {
            log.warn("proxmox check {} failed: {} (see docs/proxmox.md; zlh doctor repeats it)", c.name(), c.detail());
          }
        }))
        .onFailure(e -> log.warn("proxmox checks could not run: {}", e.getMessage()));
  }
}
