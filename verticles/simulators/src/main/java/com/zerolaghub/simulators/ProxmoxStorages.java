package com.zerolaghub.simulators;

import java.util.Map;

/**
 * The simulated node's storages, as a default Proxmox VE install has them plus a ZFS pool:
 * {@code local} (directory), {@code local-lvm} (LVM-thin), {@code local-zfs} (ZFS). A linked
 * clone of a container needs the clone feature for a raw or subvol volume, which LVM-thin and
 * ZFS have and a directory has not (pve-storage {@code volume_has_feature}, as pve-container's
 * clone asks it with {@code valid_target_formats => ['raw', 'subvol']}).
 */
final class ProxmoxStorages {
  private static final Map<String, String> TYPES = Map.of("local", "dir", "local-lvm", "lvmthin", "local-zfs", "zfspool");

  private ProxmoxStorages() {}

  static boolean exists(String storage) {
    return TYPES.containsKey(storage);
  }

  static boolean isDirectory(String storage) {
    return "dir".equals(TYPES.get(storage));
  }

  static boolean linkedClones(String storage) {
    return exists(storage) && !isDirectory(storage);
  }
}
