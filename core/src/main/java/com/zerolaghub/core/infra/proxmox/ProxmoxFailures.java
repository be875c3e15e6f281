package com.zerolaghub.core.infra.proxmox;

import com.zerolaghub.core.infra.OutsideSystem;
import com.zerolaghub.core.infra.OutsideSystemException;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Turns Proxmox error answers into typed exceptions. Proxmox has no error codes: the text of the
 * status line (repeated as {@code message} in the JSON body, parameter errors under
 * {@code errors}) is all there is, so the known texts of pve-container / pve-guest-common are
 * matched here.
 *
 * <p>Which failures are transient: no answer, 502/503/504 and pveproxy's own 595/596 (it could
 * not reach the node's API daemon or another node), locks ({@code CT is locked},
 * {@code can't lock file … - got timeout}, {@code cfs-lock … got lock request timeout}) and
 * other timeouts. Every other 500 is a refusal (pve-container dies with plain text for
 * "unable to get any free VMID", "CT N already exists on node", "Linked clone feature is not
 * available", a template that cannot start, …): {@link ProxmoxRefusedException}, failed fast
 * with Proxmox's reason.
 */
final class ProxmoxFailures {
  private static final Pattern LOCKED = Pattern.compile("\\bCT is locked\\b|can't lock file '[^']*' - got timeout");
  private static final Pattern NOT_FOUND = Pattern.compile("Configuration file '[^']*' does not exist");
  private static final Pattern RUNNING = Pattern.compile("already running|container is running");
  private static final Pattern NOT_RUNNING = Pattern.compile("\\bnot running\\b");
  /** 500s that go away by waiting: cluster filesystem locks, timeouts, a busy or restarting daemon. */
  private static final Pattern TRANSIENT = Pattern.compile(
      "got lock request timeout|cfs-lock|\\btimeout\\b|timed out|temporarily unavailable|try again later"
          + "|Connection refused|closing file '/etc/pve/",
      Pattern.CASE_INSENSITIVE);

  private ProxmoxFailures() {}

  static boolean isLockMessage(String message) {
    return message != null && LOCKED.matcher(message).find();
  }

  /**
   * The exception for an error answer.
   *
   * @param vmid the container the call was about, 0 if none
   * @param statusLine the HTTP reason phrase
   * @param body the answer body, may be null or not JSON
   */
  static OutsideSystemException fromAnswer(int vmid, int status, String statusLine, String body) {
    JsonObject json = parse(body);
    String message = json != null && json.getValue("message") instanceof String m ? m.trim() : null;
    if (message == null || message.isEmpty()) {
      message = statusLine == null ? "" : statusLine.trim();
    }
    JsonObject errors = json != null && json.getValue("errors") instanceof JsonObject e ? e : null;
    if (errors != null && !errors.isEmpty()) {
      StringBuilder text = new StringBuilder(message);
      errors.forEach(e -> text.append(" ").append(e.getKey()).append(": ").append(String.valueOf(e.getValue()).trim()).append(";"));
      return new OutsideSystemException(OutsideSystem.PROXMOX, status, "parameter_verification", text.toString());
    }
    if (status == 401) {
      return new OutsideSystemException(OutsideSystem.PROXMOX, status, "unauthorized", message);
    }
    if (status == 403) {
      return new OutsideSystemException(OutsideSystem.PROXMOX, status, "forbidden", message);
    }
    if (LOCKED.matcher(message).find()) {
      return new ContainerLockedException(vmid, status, message);
    }
    if (NOT_FOUND.matcher(message).find()) {
      return new ContainerNotFoundException(vmid, status, message);
    }
    if (RUNNING.matcher(message).find()) {
      return new ContainerRunningException(vmid, status, message);
    }
    if (NOT_RUNNING.matcher(message).find()) {
      return new ContainerNotRunningException(vmid, status, message);
    }
    if (status == 500 && !TRANSIENT.matcher(message).find()) {
      return new ProxmoxRefusedException(status, message);
    }
    return new OutsideSystemException(OutsideSystem.PROXMOX, status, "proxmox_error", message);
  }

  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
