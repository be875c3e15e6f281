package com.zerolaghub.verticles.smoke;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A signed-in account the smoke acts as: its id and bearer session. */
record SmokeAccount(String id, String token) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Registers a fresh account through the public API and signs it in. */
  static SmokeAccount register(PublicApi api, String role) {
    String suffix = HexFormat.of().formatHex(RANDOM.generateSeed(4));
    String username = "smoke_" + role + "_" + suffix;
    String email = username.replace('_', '-') + "@smoke.zerolaghub.test";
    String password = "smoke " + HexFormat.of().formatHex(RANDOM.generateSeed(12));
    api.send(null, HttpMethod.POST, "/api/auth/register", new JsonObject().put("email", email).put("password", password)
        .put("username", username).put("displayName", "Smoke test (" + role + ")")).expect(201);
    JsonObject login = api.send(null, HttpMethod.POST, "/api/auth/login", new JsonObject().put("email", email).put("password", password))
        .expect(200).json();
    return new SmokeAccount(login.getJsonObject("user").getString("id"), login.getString("token"));
  }

  /** An existing account's session (e.g. {@code --token-file}). */
  static SmokeAccount signedIn(PublicApi api, String token) {
    JsonObject me = api.get(token, "/api/me").expect(200).json();
    String id = me.getString("id", me.getJsonObject("user", new JsonObject()).getString("id"));
    if (id == null) throw new SmokeCheckFailed("GET /api/me answered no account id: " + me.encode());
    return new SmokeAccount(id, token);
  }
}
