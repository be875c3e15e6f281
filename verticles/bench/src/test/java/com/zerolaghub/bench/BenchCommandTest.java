package com.zerolaghub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.verticles.cli.ZlhCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The whole CLI with `zlh bench` on the class path; moved from verticles' ZlhCommandTest, where it is not. */
@DisplayName("zlh: wrong arguments exit 2 with one explanatory line on stderr")
class BenchCommandTest {

  @Test
  void unknownBenchmarkListsTheKnownOnes() {
    Result r = run("bench", "warp-speed");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    // Every registered benchmark, alphabetically (the list grows as capabilities add theirs).
    assertThat(r.err).contains("unknown benchmark 'warp-speed'; known: " + String.join(", ",
        Benchmarks.names()) + " (");
    assertThat(Benchmarks.names()).contains("append", "replay").isSorted();
  }

  @Test
  void helpIsNotAnError() {
    Result r = run("--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("run", "migrate", "projections", "events", "bench");
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
