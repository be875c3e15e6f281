package com.zerolaghub.verticles.accounts;

import com.zerolaghub.core.accounts.AccountState;
import com.zerolaghub.core.accounts.DisplayForm;
import com.zerolaghub.projections.accounts.SessionDirectory;
import io.vertx.core.json.JsonObject;

/** An account as the API shows it to its owner. */
final class AccountJson {
  private AccountJson() {}

  static JsonObject of(SessionDirectory.Profile p) {
    return json(p.userId(), p.email(), p.username(), p.displayName(), p.role().wireName());
  }

  static JsonObject of(AccountState s) {
    return json(s.userId(), s.email(), s.username(), s.displayName(), s.role().wireName());
  }

  private static JsonObject json(String id, String email, String username, String displayName, String role) {
    return new JsonObject().put("id", id).put("email", email).put("username", username).put("displayName", displayName)
        .put("display", DisplayForm.of(displayName, username, id)).put("role", role);
  }
}
