package com.zerolaghub.core.accounts;

import com.zerolaghub.events.accounts.AccountEvent;
import com.zerolaghub.events.accounts.Role;

import com.zerolaghub.events.accounts.AccountEvent.AccountRegistered;
import com.zerolaghub.events.accounts.AccountEvent.EmailClaimed;
import com.zerolaghub.events.accounts.AccountEvent.UsernameClaimed;
import com.zerolaghub.events.EventMetadata;
import com.zerolaghub.events.ExpectedVersion;
import com.zerolaghub.events.NewEvent;
import com.zerolaghub.events.StreamAppend;
import com.zerolaghub.core.command.Rejection;
import com.zerolaghub.core.command.Rejection.FieldError;
import com.zerolaghub.events.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates a registration and says what to append: the email and username claims (each in its
 * own stream, expected not to exist) and the account's first event, atomically. Every new account
 * is a customer; the role is never taken from the request.
 */
public final class Registration {
  public static final String EMAIL_STREAM_TYPE = "account-email";
  public static final String USERNAME_STREAM_TYPE = "account-username";
  public static final int PASSWORD_MIN = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  public static final int PASSWORD_MAX_BYTES = 72;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9_]{3,24}$");

  public record Request(String email, String password, String username, String displayName) {
    @Override
    public String toString() {
      return "Registration.Request[email=" + email + ", username=" + username + ", password=<redacted>]";
    }
  }

  /** The two first events of a new account. */
  public record Plan(StreamId emailStream, EmailClaimed claim, StreamId usernameStream, UsernameClaimed usernameClaim,
      StreamId accountStream, AccountRegistered registered) {

    /** The claims, each expected not to exist, and the account stream starting with {@code accountEvents}. */
    public List<StreamAppend> appends(EventMetadata md, List<NewEvent> accountEvents) {
      return List.of(
          new StreamAppend(emailStream, ExpectedVersion.NO_STREAM, List.of(NewEvent.of(claim, md))),
          new StreamAppend(usernameStream, ExpectedVersion.NO_STREAM, List.of(NewEvent.of(usernameClaim, md))),
          new StreamAppend(accountStream, ExpectedVersion.NO_STREAM, accountEvents));
    }
  }

  private Registration() {}

  public static String normalizeEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  public static StreamId emailStream(String email) {
    return StreamId.of(EMAIL_STREAM_TYPE, normalizeEmail(email));
  }

  public static StreamId usernameStream(String username) {
    return StreamId.of(USERNAME_STREAM_TYPE, username.toLowerCase(Locale.ROOT));
  }

  /** Field errors in the request, empty when it is acceptable. */
  public static List<FieldError> validate(Request r) {
    List<FieldError> errors = new ArrayList<>();
    if (r.email() == null || !EMAIL.matcher(r.email().trim()).matches() || r.email().length() > 254) {
      errors.add(new FieldError("email", "must be a valid email address"));
    }
    errors.addAll(validatePassword(r.password(), r.email()));
    if (r.username() == null || !USERNAME.matcher(r.username()).matches()) {
      errors.add(new FieldError("username", "must be 3–24 characters of a–z, 0–9 or _"));
    }
    if (!validDisplayName(r.displayName())) {
      errors.add(new FieldError("displayName", DISPLAY_NAME_RULE));
    }
    return errors;
  }

  /** What a display name must be, as a field error says it. */
  public static final String DISPLAY_NAME_RULE = "must be 1–64 printable characters";

  public static boolean validDisplayName(String displayName) {
    return displayName != null && !displayName.isBlank() && displayName.length() <= 64
        && displayName.chars().noneMatch(Character::isISOControl);
  }

  public static List<FieldError> validatePassword(String password, String email) {
    if (password == null || password.length() < PASSWORD_MIN) {
      return List.of(new FieldError("password", "must be at least " + PASSWORD_MIN + " characters"));
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
      return List.of(new FieldError("password", "must be at most " + PASSWORD_MAX_BYTES + " bytes"));
    }
    if (email != null && password.equalsIgnoreCase(email.trim())) {
      return List.of(new FieldError("password", "must not be your email address"));
    }
    return List.of();
  }

  /** @throws Rejection when the request has field errors */
  public static Plan plan(Request r, String newUserId, String passwordHash, Instant now) {
    List<FieldError> errors = validate(r);
    if (!errors.isEmpty()) throw new Rejection(Rejection.Kind.INVALID, "validation", "the registration has invalid fields", errors);
    String email = normalizeEmail(r.email());
    return new Plan(
        emailStream(email), new EmailClaimed(newUserId, email, now),
        usernameStream(r.username()), new UsernameClaimed(newUserId, r.username(), now),
        AccountDecider.stream(newUserId),
        new AccountRegistered(newUserId, email, r.username(), r.displayName().strip(), passwordHash, Role.CUSTOMER, now));
  }
}
