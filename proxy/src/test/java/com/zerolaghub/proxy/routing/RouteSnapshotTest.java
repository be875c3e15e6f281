package com.zerolaghub.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zerolaghub.events.Checkpoint;
import com.zerolaghub.projections.MemoryView;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouteSnapshotTest {

  @Test
  void indexesRoutesByVmidAndServerId() {
    DevRoute a = new DevRoute("srv-a", 101, "u1", "10.0.0.1", true, true);
    DevRoute b = new DevRoute("srv-b", 102, "u2", "10.0.0.2", false, true);

    RouteSnapshot table = RouteSnapshot.of(List.of(a, b));

    assertThat(table.byVmid(101)).contains(a);
    assertThat(table.byServerId("srv-b")).contains(b);
    assertThat(table.byVmid(103)).isEmpty();
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void aReusedVmidBelongsToTheLaterServerOnly() {
    DevRoute deleted = new DevRoute("srv-old", 101, "u1", "10.0.0.1", true, false);
    DevRoute reused = new DevRoute("srv-new", 101, "u2", "10.0.0.9", true, true);

    RouteSnapshot table = RouteSnapshot.of(List.of(deleted, reused));

    assertThat(table.byVmid(101)).contains(reused);
    assertThat(table.byServerId("srv-old")).isEmpty();
  }

  @Test
  void aLiveTableReadsTheLatestView() {
    var view = new AtomicReference<RouteSnapshot>(RouteSnapshot.empty());
    RouteTable live = RouteTable.live(new MemoryView<RouteSnapshot>() {
      @Override
      public RouteSnapshot current() {
        return view.get();
      }

      @Override
      public Future<Void> whenCaughtUp() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> whenApplied(Checkpoint checkpoint) {
        return Future.succeededFuture();
      }
    });
    assertThat(live.byVmid(5)).isEmpty();

    view.set(RouteSnapshot.of(List.of(new DevRoute("srv-5", 5, "u", "10.0.0.5", true, true))));

    assertThat(live.byServerId("srv-5")).isPresent();
  }
}
