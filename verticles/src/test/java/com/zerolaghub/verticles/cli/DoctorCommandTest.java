package com.zerolaghub.verticles.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.simulators.ProxmoxSimulator;
import com.zerolaghub.simulators.ProxmoxSimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("zlh doctor names what the Proxmox node lacks before a customer meets it")
class DoctorCommandTest {
  private static final String SECRET = "9d1c4a1e-1f7b-4c38-9a4e-0d1f2b3c4d5e";
  private Vertx vertx;
  private ProxmoxSimulator proxmox;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    proxmox = new ProxmoxSimulator(vertx, ProxmoxSimulatorOptions.defaults(SECRET));
    proxmox.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    proxmox.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ZlhCommandTest.Result doctor() throws Exception {
    JsonObject infra = new JsonObject().put("mode", "proxmox").put("proxmoxUrl", proxmox.apiBase())
        .put("proxmoxTokenId", ProxmoxSimulatorOptions.DEFAULT_TOKEN_ID).put("proxmoxTokenSecret", SECRET)
        .put("cloudflareZoneId", "z").put("cloudflareToken", "t").put("velocityUrl", "http://127.0.0.1:1").put("velocityToken", "v");
    Path config = Files.writeString(dir.resolve("zlh.json"), new JsonObject().put("infra", infra).encode());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ZlhCommand.execute(out, err, "doctor", "--config", config.toString());
    return new ZlhCommandTest.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("an administrator token on a node with DHCP templates passes every check")
  void everythingInPlace() throws Exception {
    ZlhCommandTest.Result r = doctor();

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ok    release: Proxmox VE 9.0").contains("ok    template 9000 network: net0 ip=dhcp")
        .contains("ok    privileges");
  }

  @Test
  @DisplayName("a token without VM.Audit and a template with a fixed address are named, exit 1")
  void missingAuditAndFixedTemplateAddress() throws Exception {
    Set<String> allButAudit = new HashSet<>(ProxmoxSimulator.PRIVILEGES);
    allButAudit.remove("VM.Audit");
    proxmox.tokenPrivileges(Map.of("/", allButAudit, "/vms/9000", Set.of("VM.Audit"), "/vms/9001", Set.of("VM.Audit")));
    proxmox.setNet0(9000, "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:23:28,ip=10.0.5.9/24,gw=10.0.5.1,type=veth");

    ZlhCommandTest.Result r = doctor();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL  privileges: the API token lacks VM.Audit on /vms")
        .contains("FAIL  template 9000 network").contains("10.0.5.9");
  }
}
