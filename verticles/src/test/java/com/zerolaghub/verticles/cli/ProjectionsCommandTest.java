package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.node.PlatformContext;
import com.zerolaghub.verticles.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zlh projections talks to a node's admin operations with the operator token")
class ProjectionsCommandTest {
  private static TestNode node;
  @TempDir static Path dir;
  private static Path tokenFile;

  /** Stands in for the projections runtime: binds the contract's admin operations. */
  static final class FakeProjectionsAdmin implements Capability {
    @Override
    public String name() {
      return "fake-projections";
    }

    @Override
    public Future<Void> start(PlatformContext ctx, ApiRoutes api) {
      api.operation("listProjections", rc -> {
        if (!"Bearer op-token".equals(rc.request().getHeader("Authorization"))) {
          rc.fail(new ProblemException(ProblemType.UNAUTHORIZED, "operator token required"));
          return;
        }
        rc.json(new JsonObject().put("projections", new JsonArray()
            .add(new JsonObject().put("name", "servers").put("state", "live").put("lagEvents", 0))
            .add(new JsonObject().put("name", "accounts").put("state", "live").put("lagEvents", 2))));
      });
      api.operation("rebuildProjection", rc -> {
        String name = ValidatedRequests.pathParam(rc, "name");
        if (!name.equals("servers")) {
          rc.fail(new ProblemException(ProblemType.NOT_FOUND, "no projection '" + name + "'"));
          return;
        }
        rc.response().setStatusCode(202);
        rc.json(new JsonObject().put("name", name).put("state", "rebuilding"));
      });
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(new FakeProjectionsAdmin());
    tokenFile = Files.writeString(dir.resolve("token"), "op-token\n");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void listPrintsOneJsonLinePerProjection() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("projections", "list", "--url", url(), "--token-file", tokenFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(new JsonObject(lines[1]).getInteger("lagEvents")).isEqualTo(2);
  }

  @Test
  void rebuildPrintsTheStatus() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("projections", "rebuild", "servers", "--url", url(), "--token-file",
        tokenFile.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(new JsonObject(r.out().strip()).getString("state")).isEqualTo("rebuilding");
  }

  @Test
  void refusalIsOneLineWithTheProblemsTitleAndDetail() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("projections", "rebuild", "nothing", "--url", url(), "--token-file",
        tokenFile.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("zlh: Not found (404): no projection 'nothing'");
  }

  @Test
  void missingTokenIsReportedAsTheNodeSaysIt() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("projections", "list", "--url", url(), "--token-file",
        write("empty", "").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Authentication required (401)");
  }

  @Test
  void nodeThatDoesNotAnswerIsNamed() {
    ZlhCommandTest.Result r = ZlhCommandTest.run("projections", "list", "--url", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no node answers at http://127.0.0.1:1");
  }

  private static String url() {
    return "http://127.0.0.1:" + node.platform.httpPort();
  }

  private static Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
