package com.zerolaghub.core.infra.agent;

import java.time.Instant;

/** One entry of {@code GET /files}: {@code type} is {@code file} or {@code directory}; {@code modified} may be null. */
public record AgentFileEntry(String name, String type, long size, Instant modified) {

  public boolean directory() {
    return "directory".equals(type) || "dir".equals(type);
  }
}
