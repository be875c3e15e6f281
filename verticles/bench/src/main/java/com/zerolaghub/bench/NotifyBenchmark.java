package com.zerolaghub.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamId;
import com.zerolaghub.events.support.SupportEvent.TicketReplied;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.MailConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.projections.ProjectionsCapability;
import com.zerolaghub.verticles.runtime.Platform;
import com.zerolaghub.verticles.support.SupportCapability;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Notifications end to end at a steady offered rate: a ticket reply appended to the log (as the
 * admin endpoint appends it) → the outbox projection → the sender → a real SMTP server
 * (GreenMail, in-process) that accepted the message. Each reply carries the wall-clock instant
 * of its append; a watcher reads the SMTP server's mailbox every 5 ms and takes the delay of
 * each new message from it, so the resolution is 5 ms. A warm-up of 5 s is not counted.
 */
public final class NotifyBenchmark implements Benchmark {
  private static final Pattern APPENDED = Pattern.compile("appended-at-micros=(\\d+)");
  private static final int WARM_UP_SECONDS = 5;

  @Override
  public String name() {
    return "notify";
  }

  @Override
  public String description() {
    return "notifications/s from append to SMTP acceptance at a steady rate (args: [per-second, default 100] [seconds, default 30])";
  }

  @Override
  public void run(List<String> args, PrintWriter out) throws Exception {
    int rate = args.isEmpty() ? 100 : Integer.parseInt(args.get(0));
    int seconds = args.size() < 2 ? 30 : Integer.parseInt(args.get(1));
    quietLogs();
    int smtpPort;
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (BenchDatabase db = new BenchDatabase()) {
      DataConfig data = new DataConfig(Files.createTempDirectory("zlh-bench-node").toString());
      PlatformConfig config = PlatformConfig.defaults().with(c -> c
          .http(h -> h.port(0).host("127.0.0.1"))
          .db(d -> d.host("localhost").port(db.pg.getPort()).database("postgres").user("postgres").password("postgres").poolSize(16))
          .data(data)
          .mail(m -> m.host("127.0.0.1").port(smtpPort).tls(MailConfig.TLS_NONE).from("ZeroLagHub <no-reply@zerolaghub.test>")));
      BenchAuthentication auth = new BenchAuthentication();
      ProjectionsCapability projections = new ProjectionsCapability(auth);
      Platform platform = Platform.builder(config)
          .capabilities(List.of(projections.setup(), new SupportCapability(auth, projections, Clock.systemUTC()), projections.launch()))
          .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      try {
        LatencyRecorder warm = new LatencyRecorder(rate * WARM_UP_SECONDS);
        phase(platform, smtp, rate, WARM_UP_SECONDS, warm, 0);
        LatencyRecorder delays = new LatencyRecorder(rate * seconds);
        long t0 = System.nanoTime();
        int received = phase(platform, smtp, rate, seconds, delays, rate * WARM_UP_SECONDS);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        out.println(new JsonObject().put("bench", "notify").put("offered_per_s", rate).put("seconds", seconds)
            .put("delivered", received).put("delivered_per_s", Math.round(received / elapsed * 10) / 10.0)
            .put("delay_p50_ms", delays.percentileMillis(50)).put("delay_p99_ms", delays.percentileMillis(99))
            .put("delay_max_ms", delays.percentileMillis(100))
            .put("poll_millis", config.support().pollMillis()).encode());
      } finally {
        platform.stop().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      }
    } finally {
      smtp.stop();
    }
  }

  /** Appends {@code rate × seconds} replies on schedule and waits for every one to arrive; answers how many did. */
  private static int phase(Platform platform, GreenMail smtp, int rate, int seconds, LatencyRecorder delays, int alreadyReceived)
      throws Exception {
    int total = rate * seconds;
    Watcher watcher = new Watcher(smtp, delays, alreadyReceived, total);
    watcher.start();
    LatencyRecorder appends = new LatencyRecorder(total);
    OpenLoop.run(platform.context().vertx(), rate, Duration.ofSeconds(seconds), i -> appends, i -> {
      String ticketId = UUID.randomUUID().toString();
      Instant now = Instant.now();
      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
      TicketReplied reply = new TicketReplied(ticketId, "ZLH-BENCH-" + i, "bench-account", "bench@zerolaghub.test",
          "appended-at-micros=" + micros, "bench", now);
      return platform.context().store().append(StreamId.of("ticket", ticketId), ExpectedVersion.ANY,
          List.of(NewEvent.of(reply, EventMetadata.system("bench"))));
    }).toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    watcher.join(TimeUnit.SECONDS.toMillis(60));
    watcher.stopped = true;
    return watcher.seen - alreadyReceived;
  }

  /** Reads the SMTP server's mailbox every 5 ms; each new message's delay is now minus its append instant. */
  private static final class Watcher extends Thread {
    private final GreenMail smtp;
    private final LatencyRecorder delays;
    private final int until;
    volatile int seen;
    volatile boolean stopped;

    Watcher(GreenMail smtp, LatencyRecorder delays, int seen, int expected) {
      super("notify-bench-watcher");
      setDaemon(true);
      this.smtp = smtp;
      this.delays = delays;
      this.seen = seen;
      this.until = seen + expected;
    }

    @Override
    public void run() {
      while (!stopped && seen < until) {
        MimeMessage[] all = smtp.getReceivedMessages();
        Instant now = Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        for (int i = seen; i < all.length; i++) {
          Matcher m = APPENDED.matcher(GreenMailUtil.getBody(all[i]));
          if (m.find()) delays.record((nowMicros - Long.parseLong(m.group(1))) * 1_000);
        }
        seen = all.length;
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static void quietLogs() {
    for (String name : List.of("com.zerolaghub.http.request", "com.zerolaghub.verticles.support")) {
      org.slf4j.Logger l = LoggerFactory.getLogger(name);
      if (l instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
