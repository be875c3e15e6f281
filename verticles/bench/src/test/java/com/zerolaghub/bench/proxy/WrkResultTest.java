package com.zerolaghub.bench.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkResultTest {
  private static final String REPORT = """
      Running 10s test @ http://127.0.0.1:8080/
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     1.20ms  512.00us  20.11ms   90.00%
          Req/Sec    26.50k     1.20k   29.00k    70.00%
        Latency Distribution
           50%  1.05ms
           75%    1.30ms
           90%    1.70ms
           99%  850.00us
        527000 requests in 10.00s, 600.00MB read
        Socket errors: connect 0, read 2, write 0, timeout 1
        Non-2xx or 3xx responses: 4
      Requests/sec:  52700.12
      Transfer/sec:     60.00MB
      """;

  @Test
  void readsThroughputPercentilesAndErrors() {
    WrkResult result = WrkResult.parse("proxy", REPORT);

    assertThat(result.requestsPerSecond()).isCloseTo(52700.12, within(0.001));
    assertThat(result.p50Millis()).isCloseTo(1.05, within(0.001));
    assertThat(result.p99Millis()).isCloseTo(0.85, within(0.001));
    assertThat(result.errors()).isEqualTo(7);
    assertThat(result.requests()).isEqualTo(527000);
    assertThat(result.line()).startsWith("proxy").contains("52700 req/s");
  }
}
