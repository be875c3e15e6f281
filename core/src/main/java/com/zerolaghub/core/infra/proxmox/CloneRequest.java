package com.zerolaghub.core.infra.proxmox;

/**
 * Parameters of {@code POST /nodes/{node}/lxc/{templateVmid}/clone}. {@code storage},
 * {@code description} and {@code pool} may be null (left to Proxmox). {@code storage} is only
 * accepted by Proxmox for full clones.
 */
public record CloneRequest(
    int templateVmid,
    int newVmid,
    String hostname,
    boolean full,
    String storage,
    String description,
    String pool) {

  /** A linked clone of {@code templateVmid} named {@code hostname}. */
  public static CloneRequest linked(int templateVmid, int newVmid, String hostname) {
    return new CloneRequest(templateVmid, newVmid, hostname, false, null, null, null);
  }

  /** A full clone onto {@code storage} (null: the template's storage). */
  public static CloneRequest full(int templateVmid, int newVmid, String hostname, String storage) {
    return new CloneRequest(templateVmid, newVmid, hostname, true, storage, null, null);
  }

  public CloneRequest withDescription(String description) {
    return new CloneRequest(templateVmid, newVmid, hostname, full, storage, description, pool);
  }

  public CloneRequest withPool(String pool) {
    return new CloneRequest(templateVmid, newVmid, hostname, full, storage, description, pool);
  }
}
