package com.zerolaghub.verticles.testing;

import com.zerolaghub.events.testing.TestPostgres;
import com.zerolaghub.events.testing.TestRedis;
import com.zerolaghub.verticles.config.DataConfig;
import com.zerolaghub.verticles.config.PlatformConfig;
import com.zerolaghub.verticles.config.RedisConfig;
import com.zerolaghub.verticles.node.Capability;
import com.zerolaghub.verticles.runtime.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started in-process against the JVM's shared TestPostgres (a fresh database) and
 * TestRedis, with the test operations added to the contract, and a blocking HTTP client for it.
 */
public final class TestNode implements AutoCloseable {
  public final Platform platform;
  public final TestPostgres.Database database;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestNode(Platform platform, TestPostgres.Database database) {
    this.platform = platform;
    this.database = database;
  }

  public static TestNode start(Capability... capabilities) throws Exception {
    TestPostgres.Database db = TestPostgres.freshDatabase();
    return start(db, db.port(), capabilities);
  }

  /** Starts against {@code db} reached through {@code port} (a forwarder's, to cut the link). */
  public static TestNode start(TestPostgres.Database db, int port, Capability... capabilities) throws Exception {
    Platform platform = Platform.builder(config(db, port))
        .contractExtension(TestOperations.CONTRACT)
        .capabilities(List.of(capabilities))
        .start()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new TestNode(platform, db);
  }

  /** Starts with {@code config} (e.g. {@link #config} with changes) on its database {@code db}. */
  public static TestNode start(PlatformConfig config, TestPostgres.Database db, Capability... capabilities) throws Exception {
    Platform platform = Platform.builder(config)
        .contractExtension(TestOperations.CONTRACT)
        .capabilities(List.of(capabilities))
        .start()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new TestNode(platform, db);
  }

  public static PlatformConfig config(TestPostgres.Database db, int port) throws IOException {
    DataConfig data = new DataConfig(Files.createTempDirectory("zlh-node").toString());
    return PlatformConfig.defaults().with(c -> c
        .http(h -> h.port(0).host("127.0.0.1"))
        .db(d -> d.host("localhost").port(port).database(db.name()).user(db.user()).password(db.password()).poolSize(8))
        .redis(r -> r.uri(TestRedis.uri()))
        .data(data));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + platform.httpPort() + path);
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) request.header("Content-Type", contentType);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    platform.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
