import {
  asyncScheduler,
  type SchedulerAction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

/** `asyncScheduler` that counts the timers still pending, to prove a teardown cleared them. */
export class TrackingScheduler implements SchedulerLike {
  private readonly live = new Set<Subscription>();

  get pending(): number {
    return this.live.size;
  }

  now(): number {
    return asyncScheduler.now();
  }

  schedule<T>(
    work: (this: SchedulerAction<T>, state?: T) => void,
    delay?: number,
    state?: T,
  ): Subscription {
    const live = this.live;
    const subscription = asyncScheduler.schedule<T>(
      function (this: SchedulerAction<T>, value?: T) {
        live.delete(subscription);
        work.call(this, value);
      },
      delay,
      state,
    );
    live.add(subscription);
    subscription.add(() => live.delete(subscription));
    return subscription;
  }
}
