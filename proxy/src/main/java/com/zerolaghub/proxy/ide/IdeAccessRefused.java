package com.zerolaghub.proxy.ide;

/** Why no IDE link was issued; the API answers with {@link #httpStatus()}. */
public final class IdeAccessRefused extends RuntimeException {

  /** The refusals, each with the status the API answers. */
  public enum Reason {
    /** Not the caller's server (or none): 404, no existence leak. */
    NOT_FOUND(404, "not_found"),
    /** A game server, or a dev server created without code-server: 409. */
    NO_CODE_SERVER(409, "no_code_server"),
    /** The host is not running: 409. */
    NOT_RUNNING(409, "not_running");

    private final int httpStatus;
    private final String code;

    Reason(int httpStatus, String code) {
      this.httpStatus = httpStatus;
      this.code = code;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public IdeAccessRefused(Reason reason) {
    super("IDE access refused: " + reason.code(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int httpStatus() {
    return reason.httpStatus();
  }
}
