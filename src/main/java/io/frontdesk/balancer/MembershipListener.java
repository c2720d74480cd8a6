package io.frontdesk.balancer;

import java.util.List;

/** Told of every change of a pool's members, one change at a time, in order. */
public interface MembershipListener {

    void membersChanged(BackendPool pool, List<Backend> added, List<Backend> removed);
}
