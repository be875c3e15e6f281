package com.zerolaghub.verticles.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationProblemsTest {

  @Test
  void jsonPointersBecomeDottedPathsWithArrayIndexes() {
    assertThat(ValidationProblems.fieldPath("", "owner/emails/0")).isEqualTo("owner.emails[0]");
    assertThat(ValidationProblems.fieldPath("", "items/2/name")).isEqualTo("items[2].name");
    assertThat(ValidationProblems.fieldPath("", "a~1b")).isEqualTo("a/b");
    assertThat(ValidationProblems.fieldPath("filter", "status")).isEqualTo("filter.status");
  }

  @Test
  void theWholeBodyIsNamedBody() {
    assertThat(ValidationProblems.fieldPath("", "")).isEqualTo("body");
  }
}
