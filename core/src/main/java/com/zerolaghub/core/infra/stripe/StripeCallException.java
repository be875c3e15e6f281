package com.zerolaghub.core.infra.stripe;

/** A Stripe call that did not succeed, and why: the caller turns each reason into its answer. */
public final class StripeCallException extends RuntimeException {
  /** Why the call failed. */
  public enum Reason {
    /** No API key is configured: nothing was sent. */
    NOT_CONFIGURED,
    /** Stripe refused the API key. */
    KEY_REFUSED,
    /** Stripe could not be reached. */
    UNREACHABLE,
    /** Stripe answered but refused the request (a price that does not exist, …); the message is Stripe's. */
    REFUSED
  }

  private final Reason reason;

  public StripeCallException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
