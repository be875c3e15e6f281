package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zlh controller status reads the controller's admin operation with the operator token")
class ControllerCommandTest {
  private static TestNode node;
  @TempDir static Path dir;
  private static Path tokenFile;

  /** Answers the contract's controllerStatus as a node whose controller ran one pass would. */
  static final class FakeController implements Capability {
    @Override
    public String name() {
      return "fake-controller";
    }

    @Override
    public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
      api.operation("controllerStatus", rc -> {
        if (!"Bearer op-token".equals(rc.request().getHeader("Authorization"))) {
          rc.fail(new ProblemException(ProblemType.UNAUTHORIZED, "operator token required"));
          return;
        }
        rc.json(new JsonObject().put("leader", "controller-8080-abc")
            .put("lastPass", new JsonObject().put("startedAt", "2026-11-22T10:00:00Z").put("durationMs", 412).put("servers", 10000))
            .put("posture", new JsonObject().put("level1", "dry-run").put("level2", "planned-only").put("level3", "planned-only"))
            .put("openFindings", 3).put("pendingRepairs", 0));
      });
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(new FakeController());
    tokenFile = Files.writeString(dir.resolve("token"), "op-token\n");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String url() {
    return "http://127.0.0.1:" + node.platform.httpPort();
  }

  @Test
  void statusPrintsTheLeaderLastPassAndPostureAsJson() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("controller", "status", "--url", url(), "--token-file", tokenFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject status = new JsonObject(r.out().strip());
    assertThat(status.getString("leader")).isEqualTo("controller-8080-abc");
    assertThat(status.getJsonObject("posture").getString("level1")).isEqualTo("dry-run");
  }

  @Test
  void humanStatusSaysWhoLeadsAndHowTheLastPassWent() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("controller", "status", "--human", "--url", url(), "--token-file", tokenFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("leader:          controller-8080-abc")
        .contains("in 412 ms over 10000 servers").contains("level 1 dry-run, levels 2-3 planned-only")
        .contains("open findings:   3");
  }

  @Test
  void aWrongTokenIsAClearErrorNotAStackTrace() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "nope");
    ZlhCommandTest.Result r = ZlhCommandTest.run("controller", "status", "--url", url(), "--token-file", wrong.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("401").doesNotContain("Exception");
  }
}
