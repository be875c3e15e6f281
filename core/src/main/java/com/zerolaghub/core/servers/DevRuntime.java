package com.zerolaghub.core.servers;

import java.util.List;

/** A language runtime offered for dev servers, with the versions a customer may pick. */
public record DevRuntime(String id, String label, List<String> versions) {
  public DevRuntime {
    versions = List.copyOf(versions);
  }
}
