package com.zerolaghub.core.infra.proxmox;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Proxmox VE node through its API.
 *
 * @param apiBase base of the API, e.g. {@code https://pve1.example:8006/api2/json}
 * @param node node whose containers the platform manages
 * @param tokenId API token id, {@code user@realm!tokenid}
 * @param tokenSecret the token's secret (UUID); never logged
 * @param requestTimeout deadline of each HTTP call
 * @param taskPollInitial first pause between task status polls
 * @param taskPollMax longest pause between task status polls (back-off grows by 1.5x up to this)
 * @param trustAll accept any TLS certificate (self-signed lab nodes only)
 */
public record ProxmoxOptions(
    URI apiBase,
    String node,
    String tokenId,
    String tokenSecret,
    Duration requestTimeout,
    Duration taskPollInitial,
    Duration taskPollMax,
    boolean trustAll) {

  public static final String DEFAULT_NODE = "pve1";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TASK_POLL_INITIAL = Duration.ofMillis(250);
  public static final Duration DEFAULT_TASK_POLL_MAX = Duration.ofSeconds(2);

  public ProxmoxOptions {
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(tokenSecret, "tokenSecret");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(taskPollInitial, "taskPollInitial");
    Objects.requireNonNull(taskPollMax, "taskPollMax");
    if (!tokenId.contains("@") || !tokenId.contains("!")) {
      throw new IllegalArgumentException("tokenId must look like user@realm!tokenid");
    }
  }

  /** Defaults for everything but where to go and who to be. */
  public static ProxmoxOptions of(URI apiBase, String tokenId, String tokenSecret) {
    return new ProxmoxOptions(
        apiBase, DEFAULT_NODE, tokenId, tokenSecret, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_TASK_POLL_INITIAL, DEFAULT_TASK_POLL_MAX, false);
  }

  public ProxmoxOptions withNode(String node) {
    return new ProxmoxOptions(apiBase, node, tokenId, tokenSecret, requestTimeout, taskPollInitial, taskPollMax, trustAll);
  }

  public ProxmoxOptions withRequestTimeout(Duration requestTimeout) {
    return new ProxmoxOptions(apiBase, node, tokenId, tokenSecret, requestTimeout, taskPollInitial, taskPollMax, trustAll);
  }

  public ProxmoxOptions withTaskPolling(Duration initial, Duration max) {
    return new ProxmoxOptions(apiBase, node, tokenId, tokenSecret, requestTimeout, initial, max, trustAll);
  }

  public ProxmoxOptions withTrustAll(boolean trustAll) {
    return new ProxmoxOptions(apiBase, node, tokenId, tokenSecret, requestTimeout, taskPollInitial, taskPollMax, trustAll);
  }

  /** The {@code Authorization} header value Proxmox expects for API tokens. */
  String authorizationHeader() {
    return "PVEAPIToken=" + tokenId + "=" + tokenSecret;
  }

  @Override
  public String toString() {
    return "ProxmoxOptions[apiBase=" + apiBase + ", node=" + node + ", tokenId=" + tokenId
        + ", tokenSecret=***, requestTimeout=" + requestTimeout + ", taskPollInitial=" + taskPollInitial
        + ", taskPollMax=" + taskPollMax + ", trustAll=" + trustAll + "]";
  }
}
