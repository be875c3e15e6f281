package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("zlh: wrong arguments exit 2 with one explanatory line on stderr")
class ZlhCommandTest {

  @Test
  void wrongValueOfAnOption() {
    Result r = run("run", "--http-port", "eighty");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err).startsWith("zlh: ").contains("--http-port").contains("eighty").contains("zlh run --help");
    assertThat(r.out).isEmpty();
  }

  @Test
  void unknownOption() {
    Result r = run("events", "export", "--frm", "3");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err).contains("--frm");
  }

  @Test
  void missingCommandOrSubcommand() {
    assertThat(run().code).isEqualTo(2);
    assertThat(run().errLines()).hasSize(1);
    Result r = run("projections");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("list or rebuild");
  }

  @Test
  void impossibleExportRangeIsRefusedBeforeAnythingStarts() {
    Result r = run("events", "export", "--from", "5", "--to", "2");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--to at least --from");
  }

  @Test
  void malformedTailCheckpoint() {
    Result r = run("events", "tail", "--after", "yesterday");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--after must look like <tx>:<position>");
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(out, err, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Result(int code, String out, String err) {
    String[] errLines() {
      return err.isBlank() ? new String[0] : err.strip().split("\\R");
    }
  }
}
