package com.zerolaghub.verticles.http;

/**
 * One invalid input of a validation problem.
 *
 * @param field   dotted path into the body ({@code owner.email}, {@code items[2].name}) or the parameter name
 * @param message what is wrong, for a human
 */
public record FieldError(String field, String message) {}
