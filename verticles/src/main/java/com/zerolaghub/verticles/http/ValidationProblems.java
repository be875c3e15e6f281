package com.zerolaghub.verticles.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns vertx-openapi's validation failures into a validation problem that names each
 * offending field once, with the most specific reason the schema validator gave.
 */
final class ValidationProblems {
  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected (\\w+)");
  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter (\\S+?)(?:\\.|\\s|$)");

  private ValidationProblems() {}

  static Problem from(ValidatorException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE && message.contains("body")) {
      return Problem.of(ProblemType.MALFORMED_JSON, "request body cannot be decoded");
    }
    if (e.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && message.contains("request body")) {
      return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the request body's media type is not accepted here");
    }
    boolean body = message.contains("request body") || message.contains("required body");
    String prefix = body ? "" : parameterName(message);
    List<FieldError> errors = new ArrayList<>();
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      errors.addAll(fieldErrors(schema.getOutputUnit(), prefix));
    }
    if (errors.isEmpty()) {
      String field = body ? "body" : prefix.isEmpty() ? "request" : prefix;
      errors.add(new FieldError(field, e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER ? "is required" : "is invalid"));
    }
    return new Problem(ProblemType.VALIDATION, summary(errors), null, errors, null);
  }

  /**
   * The validator reports a failed property three times (the "properties" wrapper, the real
   * cause, and an "additionalProperties" echo). Only leaf causes are kept; an additionalProperties
   * error is a genuinely unknown field only when nothing deeper failed at the same location.
   */
  static List<FieldError> fieldErrors(OutputUnit output, String prefix) {
    List<OutputUnit> units = output.getErrors() == null || output.getErrors().isEmpty() ? List.of(output) : output.getErrors();
    Set<String> locationsWithCause = new LinkedHashSet<>();
    for (OutputUnit u : units) {
      if (!keyword(u).equals("properties") && !keyword(u).equals("additionalProperties")) {
        locationsWithCause.add(location(u));
      }
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (OutputUnit u : units) {
      String keyword = keyword(u);
      String location = location(u);
      FieldError error;
      if (keyword.equals("properties") || keyword.equals("allOf") || keyword.equals("anyOf")) {
        continue;
      } else if (keyword.equals("additionalProperties")) {
        if (hasDeeperOrSameCause(location, locationsWithCause, units)) continue;
        error = new FieldError(fieldPath(prefix, location), "is not a known field");
      } else if (keyword.equals("required")) {
        Matcher m = REQUIRED.matcher(String.valueOf(u.getError()));
        String name = m.find() ? m.group(1) : "";
        error = new FieldError(fieldPath(prefix, name.isEmpty() ? location : location + "/" + name), "is required");
      } else if (keyword.equals("type")) {
        Matcher m = EXPECTED_TYPE.matcher(String.valueOf(u.getError()));
        error = new FieldError(fieldPath(prefix, location), m.find() ? "must be of type " + m.group(1) : "has the wrong type");
      } else {
        error = new FieldError(fieldPath(prefix, location), String.valueOf(u.getError()));
      }
      if (seen.add(error.field() + "\u0000" + error.message())) errors.add(error);
    }
    return errors;
  }

  private static boolean hasDeeperOrSameCause(String location, Set<String> causes, List<OutputUnit> units) {
    for (String c : causes) {
      if (c.equals(location) || c.startsWith(location + "/")) return true;
    }
    // An unknown field nested inside this one is reported at its own, deeper location.
    for (OutputUnit u : units) {
      if (keyword(u).equals("additionalProperties") && location(u).startsWith(location + "/")) return true;
    }
    return false;
  }

  private static String keyword(OutputUnit u) {
    String k = u.getKeywordLocation();
    if (k == null) return "";
    int slash = k.lastIndexOf('/');
    return slash < 0 ? k : k.substring(slash + 1);
  }

  private static String location(OutputUnit u) {
    String l = u.getInstanceLocation();
    if (l == null) return "";
    if (l.startsWith("#")) l = l.substring(1);
    return l.startsWith("/") ? l.substring(1) : l;
  }

  /** JSON-pointer segments as a dotted path with [i] for array items: owner/emails/0 → owner.emails[0]. */
  static String fieldPath(String prefix, String pointer) {
    StringBuilder out = new StringBuilder(prefix);
    if (!pointer.isEmpty()) {
      for (String segment : pointer.split("/")) {
        if (segment.isEmpty()) continue;
        String s = segment.replace("~1", "/").replace("~0", "~");
        if (s.chars().allMatch(Character::isDigit) && out.length() > 0) {
          out.append('[').append(s).append(']');
        } else {
          if (out.length() > 0) out.append('.');
          out.append(s);
        }
      }
    }
    return out.length() == 0 ? "body" : out.toString();
  }

  private static String parameterName(String message) {
    Matcher m = PARAMETER.matcher(message);
    return m.find() ? m.group(2) : "";
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder s = new StringBuilder();
    for (FieldError e : errors) {
      if (s.length() > 0) s.append("; ");
      s.append(e.field()).append(' ').append(e.message());
    }
    return s.toString();
  }
}
