package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.Map;

/**
 * The agent's own port, tried directly as an outsider: without a token and with a wrong one it
 * must refuse (401/403). An agent this machine cannot reach at all is closed too.
 */
final class AgentDoor {
  private AgentDoor() {}

  static StepLog.Note refusesOutsiders(SmokeRun run, String template, int vmid) {
    URI agent = URI.create(expand(template, vmid));
    URI status = agent.resolve("/status");
    PublicApi direct = new PublicApi(run.vertx(), agent);
    Answer anonymous;
    try {
      anonymous = direct.send(null, HttpMethod.GET, status.getPath(), null, Map.of());
    } catch (SmokeCheckFailed first) {
      // one more try before calling it unreachable: a single lost request on loopback (seen about
      // once in a few hundred runs) must not pass for an agent this machine cannot reach
      try {
        anonymous = direct.send(null, HttpMethod.GET, status.getPath(), null, Map.of());
      } catch (SmokeCheckFailed unreachable) {
        return new StepLog.Note("not reachable from here: " + unreachable.getMessage());
      }
    }
    Answer forged = direct.send("zlh-smoke-not-a-token", HttpMethod.GET, status.getPath(), null, Map.of());
    for (Answer a : new Answer[] {anonymous, forged}) {
      if (a.status() != 401 && a.status() != 403) {
        throw new SmokeCheckFailed("agent " + agent + " answered " + a.status() + " to " + (a == anonymous ? "no token" : "a wrong token"));
      }
    }
    return new StepLog.Note(agent.getHost() + ": " + anonymous.status() + " without, " + forged.status() + " with a wrong token");
  }

  /** {@code {vmid}}, {@code {vmid/256}} and {@code {vmid%256}} (addresses derived from the vmid, as the simulators' are). */
  static String expand(String template, int vmid) {
    return template.replace("{vmid/256}", Integer.toString((vmid / 256) % 256)).replace("{vmid%256}", Integer.toString(vmid % 256))
        .replace("{vmid}", Integer.toString(vmid));
  }
}
