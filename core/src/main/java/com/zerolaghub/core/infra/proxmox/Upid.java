package com.zerolaghub.core.infra.proxmox;

import java.util.Objects;

/**
 * A Proxmox task id: {@code UPID:<node>:<pid hex>:<pstart hex>:<starttime hex>:<type>:<id>:<user>:}.
 * The node named in it is where the task's status must be read.
 */
public record Upid(String value) {

  public Upid {
    Objects.requireNonNull(value, "value");
    String[] parts = value.split(":", -1);
    if (parts.length < 9 || !"UPID".equals(parts[0]) || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not a UPID: " + value);
    }
  }

  /** Parses a UPID string as Proxmox returns it. */
  public static Upid parse(String value) {
    return new Upid(value);
  }

  public String node() {
    return part(1);
  }

  /** Task type, e.g. {@code vzclone}, {@code vzstart}, {@code vzdestroy}. */
  public String type() {
    return part(5);
  }

  /** The guest the task works on (for a clone: the source template), may be empty. */
  public String id() {
    return part(6);
  }

  public String user() {
    return part(7);
  }

  /** Task start, seconds since the epoch. */
  public long startTime() {
    return Long.parseLong(part(4), 16);
  }

  private String part(int index) {
    return value.split(":", -1)[index];
  }

  @Override
  public String toString() {
    return value;
  }
}
