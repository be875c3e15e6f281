package com.zerolaghub.core.servers;

import com.zerolaghub.events.servers.ResourcePlan;

import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.events.servers.ServerEvent.IdempotencyKeyClaimed;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerSlotTaken;
import com.zerolaghub.events.ExpectedVersion;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CreationTest {
  private static final Instant T = Runner.T0;
  private static final String OWNER = Runner.OWNER;
  private final Catalog catalog = Catalog.defaults();
  private final QuotaPolicy quota = QuotaPolicy.defaults();

  private static CreateServer create(ServerSpec spec, String key) {
    return new CreateServer(OWNER, "starter", key, spec, "srv-1", "op-1", T);
  }

  private Creation.Planned plan(CreateServer c) {
    return Creation.plan(c, OwnerSlots.EMPTY, catalog, quota);
  }

  private static Rejection rejection(Runnable r) {
    try {
      r.run();
    } catch (Rejection e) {
      return e;
    }
    throw new AssertionError("expected a rejection");
  }

  private static OwnerSlots slots(int n) {
    return OwnerSlots.fold(IntStream.range(0, n)
        .mapToObj(i -> new ServerSlotTaken("s" + i, OWNER, T)).toList());
  }

  @Test
  void validationNamesEveryBadField() {
    Rejection game = rejection(() -> plan(create(new ServerSpec.Game("X!", "paper", "game-3g"), null)));
    assertThat(game.kind()).isEqualTo(Rejection.Kind.INVALID);
    assertThat(game.fieldErrors()).extracting(Rejection.FieldError::field).containsExactlyInAnyOrder("name", "variant", "plan");

    Rejection dev = rejection(() -> plan(create(new ServerSpec.Dev("-lab", "ruby", "3.3", false), "bad key")));
    assertThat(dev.fieldErrors()).extracting(Rejection.FieldError::field)
        .containsExactlyInAnyOrder("name", "runtime", "Idempotency-Key");

    Rejection version = rejection(() -> plan(create(new ServerSpec.Dev("lab", "node", "18", false), null)));
    assertThat(version.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("version");
      assertThat(f.message()).contains("20, 22");
    });
    assertThat(ServerSpecValidation.validate(new ServerSpec.Dev("lab", "node", null, false), catalog))
        .extracting(Rejection.FieldError::field).containsExactly("version");
  }

  @Test
  void namesAreThreeToThirtyTwoDnsSafeCharacters() {
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("ab", "vanilla", "game-2g"), catalog)).hasSize(1);
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("abc", "vanilla", "game-2g"), catalog)).isEmpty();
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("a".repeat(32), "vanilla", "game-2g"), catalog)).isEmpty();
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("a".repeat(33), "vanilla", "game-2g"), catalog)).hasSize(1);
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("my-world-2", "vanilla", "game-2g"), catalog)).isEmpty();
    assertThat(ServerSpecValidation.validate(new ServerSpec.Game("world-", "vanilla", "game-2g"), catalog)).hasSize(1);
  }

  @Test
  void theHeavyVariantNeedsAtLeastFourGigabytes() {
    Rejection r = rejection(() -> plan(create(new ServerSpec.Game("pack", "heavy", "game-2g"), null)));
    assertThat(r.fieldErrors()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("plan");
      assertThat(f.message()).contains("4096 MiB").contains("game-4g, game-8g");
    });
    assertThat(plan(create(new ServerSpec.Game("pack", "heavy", "game-4g"), null)).appends()).hasSize(2);
  }

  @Test
  void theQuotaLimitIsNamedInTheRefusal() {
    CreateServer c = create(Runner.GAME, null);
    Rejection r = rejection(() -> Creation.plan(c, slots(3), catalog, quota));
    assertThat(r.kind()).isEqualTo(Rejection.Kind.LIMIT_EXCEEDED);
    assertThat(r.code()).isEqualTo("server-quota-exceeded");
    assertThat(r.getMessage()).contains("'starter' plan allows 3 servers").contains("you have 3");

    CreateServer pro = new CreateServer(OWNER, "pro", null, Runner.GAME, "srv-1", "op-1", T);
    assertThat(Creation.plan(pro, slots(9), catalog, quota).appends()).hasSize(2);
    assertThat(rejection(() -> Creation.plan(pro, slots(10), catalog, quota)).getMessage()).contains("allows 10 servers");
  }

  @Test
  void aCreateClaimsItsKeyItsSlotAndItsServerStreamTogether() {
    Creation.Planned p = Creation.plan(create(Runner.GAME, "key-1"), slots(2), catalog, quota);
    assertThat(p.accepted()).isEqualTo(new Creation.Accepted("srv-1", "op-1", false));
    assertThat(p.appends()).extracting(PlannedAppend::stream).containsExactly(
        ServerStreams.idempotency(OWNER, "key-1"), ServerStreams.ownerServers(OWNER), ServerStreams.server("srv-1"));
    assertThat(p.appends()).extracting(PlannedAppend::expected).containsExactly(
        ExpectedVersion.NO_STREAM, ExpectedVersion.exactly(2), ExpectedVersion.NO_STREAM);
    assertThat(ServerStreams.idempotency(OWNER, "key-1").toString()).isEqualTo("idempotency/" + OWNER + "/key-1");

    ServerRequested requested = (ServerRequested) p.appends().get(2).events().get(0);
    assertThat(requested.ownerId()).isEqualTo(OWNER);
    assertThat(requested.resources()).isEqualTo(new ResourcePlan("game-4g", 4096, 2, 20));
    assertThat(requested.templateVmid()).isEqualTo(9000);
    IdempotencyKeyClaimed claim = (IdempotencyKeyClaimed) p.appends().get(0).events().get(0);
    assertThat(claim.requestHash()).isEqualTo(RequestFingerprint.of(Runner.GAME));
    assertThat(claim.operationId()).isEqualTo("op-1");
  }

  @Test
  void templatesComeFromConfiguration() {
    Catalog custom = Catalog.defaults(new Templates(8100, 8101));
    Creation.Planned p = Creation.plan(create(Runner.DEV, null), OwnerSlots.EMPTY, custom, quota);
    assertThat(((ServerRequested) p.appends().get(1).events().get(0)).templateVmid()).isEqualTo(8101);
  }

  @Test
  void theSameKeyWithTheSameBodyGivesTheExistingOperation() {
    List<ServerEvent> claimed = List.of(new IdempotencyKeyClaimed("srv-first", OWNER, "key-1",
        RequestFingerprint.of(new ServerSpec.Game("survival", "vanilla", "game-4g")), "op-first", T));
    CreateServer retry = new CreateServer(OWNER, "starter", "key-1", new ServerSpec.Game("survival", "vanilla", "game-4g"), "srv-2", "op-2", T);
    assertThat(Creation.replay(retry, claimed)).contains(new Creation.Accepted("srv-first", "op-first", true));
    assertThat(Creation.onConflict(retry, claimed))
        .isEqualTo(new Creation.Resolution.Existing(new Creation.Accepted("srv-first", "op-first", true)));
  }

  @Test
  void theSameKeyWithADifferentBodyIsRefusedAsReused() {
    List<ServerEvent> claimed = List.of(new IdempotencyKeyClaimed("srv-first", OWNER, "key-1",
        RequestFingerprint.of(Runner.GAME), "op-first", T));
    CreateServer other = create(new ServerSpec.Game("survival", "vanilla", "game-8g"), "key-1");
    Rejection r = rejection(() -> Creation.replay(other, claimed));
    assertThat(r.code()).isEqualTo("idempotency-key-reused");
    assertThat(r.kind()).isEqualTo(Rejection.Kind.UNPROCESSABLE);
    assertThatThrownBy(() -> Creation.onConflict(other, claimed)).isInstanceOf(Rejection.class);
  }

  @Test
  void aConflictWithoutAClaimMeansTheSlotsMovedAndIsRetried() {
    assertThat(Creation.onConflict(create(Runner.GAME, "key-1"), List.of())).isInstanceOf(Creation.Resolution.Retry.class);
    assertThat(Creation.onConflict(create(Runner.GAME, null), List.of())).isInstanceOf(Creation.Resolution.Retry.class);
  }

  @Test
  void theFingerprintSeesEveryFieldOfTheBody() {
    assertThat(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "22", true)))
        .isEqualTo(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "22", true)))
        .isNotEqualTo(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "22", false)))
        .isNotEqualTo(RequestFingerprint.of(new ServerSpec.Dev("lab", "node", "20", true)));
    assertThat(RequestFingerprint.of(new ServerSpec.Game("ab", "c", "d")))
        .isNotEqualTo(RequestFingerprint.of(new ServerSpec.Game("a", "bc", "d")));
  }

  @Test
  void theOwnerOnlyComesFromThePrincipal() {
    assertThatThrownBy(() -> new CreateServer(" ", "starter", null, Runner.GAME, "s", "o", T)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ServerSpec.Game.class.getRecordComponents()).extracting(c -> c.getName()).doesNotContain("ownerId", "owner");
    assertThat(ServerSpec.Dev.class.getRecordComponents()).extracting(c -> c.getName()).doesNotContain("ownerId", "owner");
  }
}
