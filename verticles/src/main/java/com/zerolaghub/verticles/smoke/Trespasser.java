package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/** Another customer trying a server that is not theirs: every way in must look like no such server (404). */
final class Trespasser {
  private Trespasser() {}

  static void refusedEverywhere(SmokeRun run, String serverId, boolean game, ConsoleProbe console) {
    String token = run.stranger().token();
    String s = "/api/servers/" + serverId;
    List<String> wrong = new ArrayList<>();
    expect404(wrong, run.api().get(token, s));
    expect404(wrong, run.api().get(token, s + "/status"));
    expect404(wrong, run.api().send(token, HttpMethod.POST, s + "/host/stop", null));
    expect404(wrong, run.api().send(token, HttpMethod.DELETE, s, null));
    if (game) {
      expect404(wrong, run.api().get(token, s + "/files/content?path=server.properties"));
      expect404(wrong, run.api().get(token, s + "/backups"));
      int upgrade = console.upgradeStatus(run.api().base(), token, serverId);
      if (upgrade != 404) wrong.add("console upgrade answered " + upgrade);
    } else {
      expect404(wrong, run.api().send(token, HttpMethod.POST, "/api/dev/" + serverId + "/ide-token", null));
    }
    if (!wrong.isEmpty()) throw new SmokeCheckFailed("another account reached the server: " + String.join("; ", wrong));
  }

  private static void expect404(List<String> wrong, Answer a) {
    if (a.status() != 404) wrong.add(a.method() + " " + a.path() + " answered " + a.status());
  }
}
