package com.zerolaghub.events;

/** The append named a fence whose token has moved on: its writer was deposed. Nothing was appended. */
public final class FencedOutException extends RuntimeException {
  public FencedOutException(String message) {
    super(message, null, false, false);
  }
}
