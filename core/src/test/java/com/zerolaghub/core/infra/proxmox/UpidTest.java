package com.zerolaghub.core.infra.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpidTest {

  @Test
  void readsNodeTypeIdUserAndStartTime() {
    Upid upid = Upid.parse("UPID:pve1:002E096A:0E10F08E:6382D261:vzclone:9000:zlh@pve!control:");

    assertThat(upid.node()).isEqualTo("pve1");
    assertThat(upid.type()).isEqualTo("vzclone");
    assertThat(upid.id()).isEqualTo("9000");
    assertThat(upid.user()).isEqualTo("zlh@pve!control");
    assertThat(upid.startTime()).isEqualTo(0x6382D261L);
    assertThat(upid.toString()).isEqualTo(upid.value());
  }

  @Test
  void acceptsTasksWithoutGuestId() {
    assertThat(Upid.parse("UPID:example-node:00213D37:01ECA9AD:618F6B8D:aptupdate::root@pam:").id()).isEmpty();
  }

  @Test
  void refusesWhatIsNoUpid() {
    assertThatThrownBy(() -> Upid.parse("null")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Upid.parse("UPID:pve1:1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void warningsCountAsSuccess() {
    assertThat(TaskResult.succeeded("OK")).isTrue();
    assertThat(TaskResult.succeeded("WARNINGS: 2")).isTrue();
    assertThat(TaskResult.succeeded("clone failed: no space")).isFalse();
    assertThat(TaskResult.succeeded(null)).isFalse();
  }
}
