package com.zerolaghub.projections.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.accounts.SecretTokens;
import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.events.DomainEvent;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.accounts.AccountEvent.AccountRegistered;
import com.zerolaghub.events.accounts.AccountEvent.PasswordChanged;
import com.zerolaghub.events.accounts.AccountEvent.RoleGranted;
import com.zerolaghub.events.accounts.AccountEvent.SessionRevoked;
import com.zerolaghub.events.accounts.AccountEvent.SessionStarted;
import com.zerolaghub.events.accounts.Role;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import com.zerolaghub.projections.MemoryView;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The session directory folds account events into token-hash → principal, in memory")
class SessionDirectoryTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private final SessionDirectory directory = new SessionDirectory();
  private final MemoryProjection.Model<SessionDirectory.Snapshot> model = directory.newModel();
  private long position;

  SessionDirectoryTest() {
    directory.attach(new MemoryView<>() {
      @Override
      public SessionDirectory.Snapshot current() {
        return model.view();
      }

      @Override
      public Future<Void> whenCaughtUp() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> whenApplied(Checkpoint checkpoint) {
        return Future.succeededFuture();
      }
    });
  }

  @Test
  void tokenOfAStartedSessionAuthenticatesItsAccountWithItsRoleUntilExpiry() {
    register("u1");
    startSession("u1", "s1", "token-1", T0.plus(Duration.ofDays(7)));
    Principal p = directory.authenticate("token-1", T0.plusSeconds(5)).orElseThrow();
    assertThat(p).isEqualTo(new Principal("u1", Role.CUSTOMER, "s1"));
    assertThat(directory.authenticate("token-2", T0.plusSeconds(5))).isEmpty();
    assertThat(directory.authenticate("token-1", T0.plus(Duration.ofDays(7)))).as("at expiry").isEmpty();

    apply(new RoleGranted("u1", Role.ADMIN, "operator:test", T0.plusSeconds(10)));
    assertThat(directory.authenticate("token-1", T0.plusSeconds(11)).orElseThrow().isAdmin()).isTrue();
    assertThat(directory.profile("u1").orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void revokedSessionNoLongerAuthenticatesOthersStill() {
    register("u1");
    startSession("u1", "s1", "token-1", T0.plus(Duration.ofDays(7)));
    startSession("u1", "s2", "token-2", T0.plus(Duration.ofDays(7)));
    apply(new PasswordChanged("u1", "$2a$04$hash", "change", T0.plusSeconds(20)));
    apply(new SessionRevoked("u1", "s1", "password_changed", T0.plusSeconds(20)));
    assertThat(directory.authenticate("token-1", T0.plusSeconds(21))).isEmpty();
    assertThat(directory.authenticate("token-2", T0.plusSeconds(21))).isPresent();
    assertThat(directory.current().sessions()).isEqualTo(1);
  }

  @Test
  void aResetAnnouncesEveryEndedSessionOnceAndTheyAreNoLongerLive() {
    List<List<String>> announced = new ArrayList<>();
    directory.onSessionsEnded(announced::add);
    register("u1");
    startSession("u1", "s1", "token-1", T0.plus(Duration.ofDays(7)));
    startSession("u1", "s2", "token-2", T0.plus(Duration.ofDays(7)));
    model.view();
    assertThat(announced).isEmpty();
    assertThat(directory.isLive("s1", T0.plusSeconds(1))).isTrue();

    // a password reset, as the decider writes it: one batch
    apply(new PasswordChanged("u1", "$2a$04$hash", "reset", T0.plusSeconds(20)));
    apply(new SessionRevoked("u1", "s1", "password_reset", T0.plusSeconds(20)));
    apply(new SessionRevoked("u1", "s2", "password_reset", T0.plusSeconds(20)));
    model.view();
    model.view();

    assertThat(announced).containsExactly(List.of("s1", "s2"));
    assertThat(directory.isLive("s1", T0.plusSeconds(21))).isFalse();
    assertThat(directory.isLive("s2", T0.plusSeconds(21))).isFalse();
    assertThat(directory.isLive("unknown", T0)).isFalse();
  }

  @Test
  void aSessionIsNoLongerLiveAtItsExpiry() {
    register("u1");
    startSession("u1", "s1", "token-1", T0.plus(Duration.ofHours(1)));
    assertThat(directory.isLive("s1", T0.plus(Duration.ofMinutes(59)))).isTrue();
    assertThat(directory.isLive("s1", T0.plus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void expiredSessionsLeaveTheMapAsTheLogMovesPastThem() {
    register("u1");
    startSession("u1", "old", "token-old", T0.plus(Duration.ofHours(1)));
    assertThat(directory.current().sessions()).isEqualTo(1);
    startSession("u1", "new", "token-new", T0.plus(Duration.ofDays(8)), T0.plus(Duration.ofHours(2)));
    assertThat(directory.current().sessions()).isEqualTo(1);
    assertThat(directory.authenticate("token-new", T0.plus(Duration.ofHours(3)))).isPresent();
  }

  @Test
  void aNewVersionSharesEveryShardTheBatchDidNotTouch() {
    ShardedImmutableMap.Builder<String> builder = new ShardedImmutableMap.Builder<>();
    for (int i = 0; i < 1000; i++) builder.put("k" + i, "v" + i);
    ShardedImmutableMap<String> first = builder.build();
    assertThat(builder.build()).as("nothing changed: same version").isSameAs(first);
    builder.put("k1", "changed");
    builder.remove("k2");
    ShardedImmutableMap<String> second = builder.build();
    assertThat(first.get("k1")).as("published versions never change").isEqualTo("v1");
    assertThat(first.get("k2")).isEqualTo("v2");
    assertThat(second.get("k1")).isEqualTo("changed");
    assertThat(second.get("k2")).isNull();
    assertThat(second.size()).isEqualTo(999);
    assertThat(second.get("k500")).isEqualTo("v500");
  }

  private void register(String userId) {
    apply(new AccountRegistered(userId, userId + "@example.com", userId, "User " + userId, "$2a$04$hash", Role.CUSTOMER, T0));
  }

  private void startSession(String userId, String sessionId, String token, Instant expiresAt) {
    startSession(userId, sessionId, token, expiresAt, T0);
  }

  private void startSession(String userId, String sessionId, String token, Instant expiresAt, Instant at) {
    apply(new SessionStarted(userId, sessionId, SecretTokens.sha256(token), "test", expiresAt, at));
  }

  private void apply(DomainEvent event) {
    position++;
    RecordedEvent recorded = new RecordedEvent(position, position, UUID.randomUUID(), StreamId.of("account", "x"), position, "t", 1,
        "{}", EventMetadata.system("test"), T0);
    model.apply(new DecodedEvent(recorded, event));
  }
}
