package com.zerolaghub.verticles.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.verticles.http.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ownership: the owner and admins see a resource; anyone else gets the 404 of a missing one")
class OwnershipTest {
  private final Principal owner = new Principal("u-1", Role.CUSTOMER, "s");
  private final Principal stranger = new Principal("u-2", Role.CUSTOMER, "s");
  private final Principal admin = new Principal("u-3", Role.ADMIN, "s");

  @Test
  void ownerAndAdminPass() {
    assertThatCode(() -> Ownership.requireVisible(owner, "u-1")).doesNotThrowAnyException();
    assertThatCode(() -> Ownership.requireVisible(admin, "u-1")).doesNotThrowAnyException();
  }

  @Test
  void strangerGetsNotFoundNamingNothing() {
    assertThatThrownBy(() -> Ownership.requireVisible(stranger, "u-1"))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.problem().status()).isEqualTo(404);
          assertThat(p.problem().type().slug()).isEqualTo("not-found");
          assertThat(p.problem().detail()).doesNotContain("u-1");
        });
    assertThatThrownBy(() -> Ownership.requireVisible(null, "u-1")).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Ownership.requireVisible(owner, null)).isInstanceOf(ProblemException.class);
  }
}
