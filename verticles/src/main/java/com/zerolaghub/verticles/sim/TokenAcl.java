package com.zerolaghub.verticles.sim;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulated API token's privileges: per ACL path, propagated to everything below it (as
 * Proxmox ACLs with {@code propagate=1}, the default). {@link #ALL} stands for a token with
 * privilege separation off under an administrator. Immutable.
 */
record TokenAcl(Map<String, Set<String>> byPath) {
  /** Every privilege everywhere. */
  static final TokenAcl ALL = new TokenAcl(null);

  TokenAcl {
    byPath = byPath == null ? null : Map.copyOf(byPath);
  }

  /** Whether the token holds {@code privilege} on {@code path} (e.g. {@code /vms/105}). */
  boolean allows(String path, String privilege) {
    if (byPath == null) return true;
    for (String p = path; ; p = parent(p)) {
      Set<String> privileges = byPath.get(p);
      if (privileges != null && privileges.contains(privilege)) return true;
      if (p.equals("/")) return false;
    }
  }

  /** {@code GET /access/permissions}: path → privilege → 1 (propagated). */
  JsonObject toJson(Set<String> everything) {
    JsonObject out = new JsonObject();
    Map<String, Set<String>> acl = byPath == null ? Map.of("/", everything) : new LinkedHashMap<>(byPath);
    acl.forEach((path, privileges) -> {
      JsonObject p = new JsonObject();
      privileges.forEach(privilege -> p.put(privilege, 1));
      out.put(path, p);
    });
    return out;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }
}
