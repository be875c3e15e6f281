package com.zerolaghub.core.infra.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.infra.OutsideSystemException;
import org.junit.jupiter.api.Test;

class ProxmoxFailuresTest {

  private static OutsideSystemException answer(int status, String line) {
    return ProxmoxFailures.fromAnswer(101, status, line, "{\"data\":null,\"message\":\"" + line + "\\n\"}");
  }

  @Test
  void configLockIsContainerLocked() {
    assertThat(answer(500, "CT is locked (create)")).isInstanceOf(ContainerLockedException.class)
        .extracting(e -> ((ContainerLockedException) e).vmid()).isEqualTo(101);
  }

  @Test
  void flockTimeoutIsContainerLocked() {
    assertThat(answer(500, "can't lock file '/run/lock/lxc/pve-config-101.lock' - got timeout"))
        .isInstanceOf(ContainerLockedException.class);
  }

  @Test
  void missingConfigIsNotFound() {
    assertThat(answer(500, "Configuration file 'nodes/pve1/lxc/101.conf' does not exist"))
        .isInstanceOf(ContainerNotFoundException.class);
  }

  @Test
  void runningStatesAreTyped() {
    assertThat(answer(500, "unable to destroy CT 101 - container is running")).isInstanceOf(ContainerRunningException.class);
    assertThat(answer(500, "CT 101 already running")).isInstanceOf(ContainerRunningException.class);
    assertThat(answer(500, "CT 101 not running")).isInstanceOf(ContainerNotRunningException.class);
  }

  @Test
  void parameterErrorsNameTheParameters() {
    OutsideSystemException failure = ProxmoxFailures.fromAnswer(0, 400, "Parameter verification failed.",
        "{\"data\":null,\"errors\":{\"newid\":\"value must have a minimum value of 100\\n\"},\"message\":\"Parameter verification failed.\\n\"}");

    assertThat(failure.code()).isEqualTo("parameter_verification");
    assertThat(failure.getMessage()).contains("newid: value must have a minimum value of 100");
  }

  @Test
  void statusLineIsUsedWithoutBody() {
    OutsideSystemException failure = ProxmoxFailures.fromAnswer(0, 401, "invalid token value!", "");

    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.code()).isEqualTo("unauthorized");
    assertThat(failure.getMessage()).contains("invalid token value!");
  }

  @Test
  void otherErrorsKeepStatusAndText() {
    OutsideSystemException failure = answer(503, "service unavailable");

    assertThat(failure.getClass()).isEqualTo(OutsideSystemException.class);
    assertThat(failure.transientFailure()).isTrue();
  }

  @Test
  void permanentFiveHundredsAreRefusalsNotRetried() {
    for (String text : new String[] {
        "unable to get any free VMID in range [100, 1000000]",
        "CT 105 already exists on node 'pve1'",
        "Linked clone feature for 'local:9000/base-9000-disk-0.raw' is not available",
        "you can't start a CT if it's a template"}) {
      OutsideSystemException failure = answer(500, text);
      assertThat(failure).as(text).isInstanceOf(ProxmoxRefusedException.class);
      assertThat(failure.transientFailure()).as(text).isFalse();
      assertThat(failure.getMessage()).contains(text);
    }
  }

  @Test
  void timeoutsAndProxyErrorsStayTransient() {
    assertThat(answer(500, "cfs-lock 'storage-local-lvm' error: got lock request timeout").transientFailure()).isTrue();
    assertThat(answer(595, "Connection refused").transientFailure()).isTrue();
    assertThat(answer(596, "Connection timed out").transientFailure()).isTrue();
  }
}
