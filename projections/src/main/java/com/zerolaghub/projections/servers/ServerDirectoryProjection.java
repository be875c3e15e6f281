package com.zerolaghub.projections.servers;

import com.zerolaghub.events.servers.HostState;
import com.zerolaghub.events.servers.OperationType;
import com.zerolaghub.events.servers.ProvisioningPhase;
import com.zerolaghub.events.servers.ServerEvent;
import com.zerolaghub.events.servers.ServerEvent.DeletionRequested;
import com.zerolaghub.events.servers.ServerEvent.HostActionCompleted;
import com.zerolaghub.events.servers.ServerEvent.HostActionFailed;
import com.zerolaghub.events.servers.ServerEvent.HostActionRequested;
import com.zerolaghub.events.servers.ServerEvent.OperationEvent;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningFailed;
import com.zerolaghub.events.servers.ServerEvent.ProvisioningStepCompleted;
import com.zerolaghub.events.servers.ServerEvent.ServerDeleted;
import com.zerolaghub.events.servers.ServerEvent.ServerReady;
import com.zerolaghub.events.servers.ServerEvent.ReprovisionRequested;
import com.zerolaghub.events.servers.ServerEvent.ServerRequested;
import com.zerolaghub.events.servers.ServerEvent.TeardownFailed;
import com.zerolaghub.events.servers.ServerEvent.TeardownStepCompleted;
import com.zerolaghub.events.servers.ServerSpec;
import com.zerolaghub.events.servers.TeardownPhase;
import com.zerolaghub.projections.DecodedEvent;
import com.zerolaghub.projections.MemoryProjection;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePSet;
import java.util.function.Consumer;

/**
 * Folds the log into a {@link ServerDirectory} on every node. {@link #onPublished} lets a
 * worker hear, on the projection's context, that a new view is out (instead of polling).
 */
public final class ServerDirectoryProjection implements MemoryProjection<ServerDirectory> {
  public static final String NAME = "server_directory";

  private volatile Consumer<ServerDirectory> onPublished = view -> {};

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean handles(String eventType) {
    return ServerEventTypes.LIFE.contains(eventType);
  }

  /** Called after each published view (on the projection runtime's context); keep it short. */
  public void onPublished(Consumer<ServerDirectory> listener) {
    this.onPublished = listener == null ? view -> {} : listener;
  }

  @Override
  public Model<ServerDirectory> newModel() {
    return new Model<>() {
      private PMap<String, ServerDirectory.Server> servers = HashTreePMap.empty();
      private PMap<String, ServerDirectory.Operation> operations = HashTreePMap.empty();
      private PSortedSet<ServerDirectory.Operation> open = TreePSet.empty(ServerDirectory.OLDEST_FIRST);

      @Override
      public void apply(DecodedEvent event) {
        if (!(event.event() instanceof OperationEvent e)) return;
        trackOperation(e);
        trackServer(e);
      }

      private void trackOperation(OperationEvent e) {
        ServerDirectory.Operation opened = null;
        if (e instanceof ServerRequested r) {
          opened = new ServerDirectory.Operation(r.operationId(), r.serverId(), r.ownerId(), OperationType.PROVISION, false, r.at(), r.at());
        } else if (e instanceof HostActionRequested r) {
          opened = new ServerDirectory.Operation(r.operationId(), r.serverId(), r.ownerId(), r.action().operationType(), false, r.at(), r.at());
        } else if (e instanceof DeletionRequested r) {
          opened = new ServerDirectory.Operation(r.operationId(), r.serverId(), r.ownerId(), OperationType.DELETE, false, r.at(), r.at());
        } else if (e instanceof ReprovisionRequested r) {
          opened = new ServerDirectory.Operation(r.operationId(), r.serverId(), r.ownerId(), OperationType.PROVISION, false, r.at(), r.at());
        }
        if (opened != null) {
          ServerDirectory.Operation before = operations.get(opened.operationId());
          if (before != null) open = open.minus(before);
          operations = operations.plus(opened.operationId(), opened);
          open = open.plus(opened);
          return;
        }
        ServerDirectory.Operation op = operations.get(e.operationId());
        if (ends(e)) {
          if (op != null && !op.finished()) {
            operations = operations.plus(op.operationId(), op.ended(e.at()));
            open = open.minus(op);
          }
          return;
        }
        if (op != null && !op.finished()) {
          ServerDirectory.Operation later = op.progressed(e.at());
          operations = operations.plus(op.operationId(), later);
          open = open.minus(op).plus(later);
        }
      }

      private void trackServer(OperationEvent e) {
        if (e instanceof ServerRequested r) {
          boolean codeServer = r.spec() instanceof ServerSpec.Dev d && d.codeServer();
          servers = servers.plus(r.serverId(), new ServerDirectory.Server(r.serverId(), r.ownerId(), r.spec().kind(), r.spec().name(),
              null, null, HostState.NONE, false, codeServer, false));
          return;
        }
        if (e instanceof ServerDeleted) {
          servers = servers.minus(e.serverId());
          return;
        }
        ServerDirectory.Server s = servers.get(e.serverId());
        if (s == null) return;
        Integer vmid = s.vmid();
        String address = s.address();
        boolean provisioned = s.provisioned() || e instanceof ServerReady;
        boolean velocity = s.velocityRegistered();
        if (e instanceof ProvisioningStepCompleted c) {
          if (c.vmid() != null) vmid = c.vmid();
          if (c.address() != null) address = c.address();
          if (c.step() == ProvisioningPhase.REGISTER_VELOCITY) velocity = true;
        }
        if (e instanceof ReprovisionRequested) {
          address = null; // a new container, set up from the clone on
          velocity = false;
        }
        if (e instanceof TeardownStepCompleted c) {
          if (c.step() == TeardownPhase.DEREGISTER_VELOCITY) velocity = false;
          if (c.step() == TeardownPhase.DESTROY_CONTAINER) address = null;
        }
        servers = servers.plus(s.serverId(), new ServerDirectory.Server(s.serverId(), s.ownerId(), s.kind(), s.name(), vmid, address,
            HostTracking.after(s.hostState(), e), provisioned, s.codeServer(), velocity));
      }

      @Override
      public ServerDirectory view() {
        ServerDirectory view = new ServerDirectory(servers, operations, open);
        onPublished.accept(view);
        return view;
      }
    };
  }

  /** Events that end an operation. */
  static boolean ends(ServerEvent e) {
    return e instanceof ServerReady || e instanceof ProvisioningFailed || e instanceof HostActionCompleted
        || e instanceof HostActionFailed || e instanceof TeardownFailed || e instanceof ServerDeleted
        || e instanceof ServerEvent.OperationMarkedStale;
  }
}
