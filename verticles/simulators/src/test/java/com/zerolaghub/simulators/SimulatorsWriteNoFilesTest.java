package com.zerolaghub.simulators;

import static com.zerolaghub.simulators.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Simulators run inside an embedded node, so they must not write where the node was started: a
 * form body (Proxmox's API takes {@code application/x-www-form-urlencoded}) once made each of them
 * create {@code ./file-uploads}, Vert.x's default folder for file uploads, outside the node's data
 * directory.
 */
@ExtendWith(VertxExtension.class)
class SimulatorsWriteNoFilesTest {
  private static final Path UPLOADS = Path.of("file-uploads");

  @Test
  void requestBodiesLeaveNoUploadsFolderInTheWorkingDirectory(Vertx vertx) throws Exception {
    Files.deleteIfExists(UPLOADS);
    VelocitySimulator velocity = new VelocitySimulator(vertx, VelocitySimulator.Options.defaults("bridge-token"));
    CloudflareSimulator cloudflare = new CloudflareSimulator(vertx, CloudflareSimulator.Options.defaults("dns-token"));
    ProxmoxSimulator proxmox = new ProxmoxSimulator(vertx, ProxmoxSimulatorOptions.defaults("pve-secret"));
    result(velocity.start());
    result(cloudflare.start());
    result(proxmox.start());
    try {
      post(velocity.baseUri() + "/servers");
      post(cloudflare.apiBase() + "/zones");
      post(proxmox.apiBase() + "/nodes");
      assertThat(UPLOADS).doesNotExist();
    } finally {
      result(velocity.stop());
      result(cloudflare.stop());
      result(proxmox.stop());
    }
  }

  private static void post(String uri) throws IOException, InterruptedException {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(uri).isPositive();
  }
}
