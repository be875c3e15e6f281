package com.zerolaghub.verticles.support;

import com.zerolaghub.core.accounts.Principal;
import com.zerolaghub.core.support.NoteLimits;
import com.zerolaghub.events.EventCodec;
import com.zerolaghub.events.EventStore;
import com.zerolaghub.events.RecordedEvent;
import com.zerolaghub.events.WrongExpectedVersionException;
import com.zerolaghub.events.support.SupportEvent.ServerNoteSaved;
import com.zerolaghub.verticles.accounts.Ownership;
import com.zerolaghub.verticles.http.ApiRoutes;
import com.zerolaghub.verticles.http.Authentication;
import com.zerolaghub.verticles.http.Problem;
import com.zerolaghub.verticles.http.ProblemException;
import com.zerolaghub.verticles.http.ProblemResponder;
import com.zerolaghub.verticles.http.ProblemType;
import com.zerolaghub.verticles.http.ValidatedRequests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET/PUT /api/servers/:id/notes}: the notepad is the last event of stream
 * {@code server-notes/<serverId>} and its version the stream's version, so a save from a stale
 * tab conflicts in the store itself and answers 409 with the version it lost to.
 */
final class NotesEndpoints {
  private final EventStore store;
  private final EventCodec codec;
  private final ServerOwners owners;
  private final NoteActions actions;

  NotesEndpoints(EventStore store, EventCodec codec, ServerOwners owners, NoteActions actions) {
    this.store = store;
    this.codec = codec;
    this.owners = owners;
    this.actions = actions;
  }

  void bind(ApiRoutes api, Authentication auth) {
    api.operation("getServerNotes", auth.required(), this::get);
    api.operation("saveServerNotes", auth.required(), this::save);
  }

  private record Notes(String text, long version) {
    JsonObject json() {
      return new JsonObject().put("text", text).put("version", version);
    }
  }

  private void get(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "id");
    owned(ctx, serverId).compose(v -> load(serverId)).onSuccess(n -> ctx.json(n.json())).onFailure(ctx::fail);
  }

  private void save(RoutingContext ctx) {
    String serverId = ValidatedRequests.pathParam(ctx, "id");
    JsonObject body = ValidatedRequests.body(ctx);
    String text = body.getString("text");
    long version = body.getLong("version");
    if (!NoteLimits.fits(text)) {
      throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "notes hold at most " + NoteLimits.MAX_BYTES + " bytes of UTF-8 text");
    }
    String userId = Authentication.principal(ctx).userId();
    owned(ctx, serverId)
        .compose(v -> actions.save(serverId, text, userId, version))
        .onSuccess(saved -> ctx.json(new Notes(text, saved).json()))
        .onFailure(err -> {
          if (!(err instanceof WrongExpectedVersionException)) {
            ctx.fail(err);
            return;
          }
          // through the one responder, so the answer carries instance and requestId like every other problem
          load(serverId).onSuccess(current -> ProblemResponder.send(ctx,
                  Problem.of(ProblemType.CONFLICT, "the notes changed since version " + version + " (now " + current.version() + ")"),
                  new JsonObject().put("currentVersion", current.version()).put("currentText", current.text())))
              .onFailure(ctx::fail);
        });
  }

  private Future<Void> owned(RoutingContext ctx, String serverId) {
    Principal caller = Authentication.principal(ctx);
    return owners.ownerOf(serverId).map(owner -> {
      Ownership.requireVisible(caller, owner);
      return null;
    });
  }

  private Future<Notes> load(String serverId) {
    return store.readStream(NoteActions.stream(serverId)).map(events -> {
      if (events.isEmpty()) return new Notes("", 0);
      RecordedEvent last = events.get(events.size() - 1);
      return new Notes(((ServerNoteSaved) codec.decode(last)).text(), last.streamVersion());
    });
  }
}
