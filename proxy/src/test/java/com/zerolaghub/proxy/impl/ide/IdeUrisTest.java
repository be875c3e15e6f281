package com.zerolaghub.proxy.impl.ide;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdeUrisTest {

  @Test
  void dropsOnlyTheTokenParameter() {
    assertThat(IdeUris.withoutToken("/?zlh_ide_token=abc")).isEqualTo("/");
    assertThat(IdeUris.withoutToken("/a/b?x=1&zlh_ide_token=abc&y=%20")).isEqualTo("/a/b?x=1&y=%20");
    assertThat(IdeUris.withoutToken("/?zlh_ide_token=a&zlh_ide_token=b&zlh_ide_tokenx=1")).isEqualTo("/?zlh_ide_tokenx=1");
    assertThat(IdeUris.withoutToken("/plain")).isEqualTo("/plain");
  }
}
