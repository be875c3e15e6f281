package com.zerolaghub.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConsolePartsTest {

  @Test
  void scrollbackKeepsTheNewestBytesInOrder() {
    ConsoleScrollback scrollback = new ConsoleScrollback(8);
    scrollback.append(Buffer.buffer("abcdef"));
    scrollback.append(Buffer.buffer("ghij"));

    assertThat(scrollback.snapshot().toString()).isEqualTo("cdefghij");
    scrollback.append(Buffer.buffer("0123456789xyz"));
    assertThat(scrollback.snapshot().toString()).isEqualTo("56789xyz");
  }

  @Test
  void confinedPathsStayUnderTheRoot() {
    Path root = Path.of("/srv/zlh/server");

    assertThat(ConfinedPath.resolve(root, "/world/level.dat")).contains(root.resolve("world/level.dat"));
    assertThat(ConfinedPath.resolve(root, "/")).contains(root);
    assertThat(ConfinedPath.resolve(root, "world/./region")).contains(root.resolve("world/region"));
    assertThat(ConfinedPath.resolve(root, "../etc/passwd")).isEmpty();
    assertThat(ConfinedPath.resolve(root, "world/../../etc")).isEmpty();
    assertThat(ConfinedPath.resolve(root, "world\\..\\..\\etc")).isEmpty();
    assertThat(ConfinedPath.resolve(root, "a\0b")).isEmpty();
  }

  @Test
  void loopbackAddressesFollowTheVmid() {
    assertThat(ContainerLoopback.address(10, 100)).isEqualTo("127.10.0.100");
    assertThat(ContainerLoopback.address(10, 9001)).isEqualTo("127.10.35.41");
    assertThat(ContainerLoopback.address(10, 70000)).isEqualTo("127.11.17.112");
  }
}
