import type { Consumer } from 'kafkajs';

export interface MembershipStatus {
  /** A member of its group with partitions assigned (between GROUP_JOIN and a crash, stop or disconnect). */
  joined: boolean;
  /** Why it last stopped consuming (kafkajs crash), while it has not rejoined. */
  lastError?: string;
  /** Whether kafkajs will restart it after that crash. */
  restarting?: boolean;
}

/**
 * Follows one kafkajs consumer's instrumentation events, so readiness can say "not consuming" while kafkajs
 * is crashed (restarting or not), stopped or disconnected.
 */
export class GroupMembership {
  private state: MembershipStatus = { joined: false };
  private readonly removers: (() => void)[] = [];

  constructor(consumer: Consumer, onChange: (status: MembershipStatus) => void) {
    const set = (next: MembershipStatus) => {
      this.state = next;
      onChange(next);
    };
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = consumer.events;
    this.removers.push(
      consumer.on(GROUP_JOIN, () => set({ joined: true })),
      consumer.on(CRASH, (event) =>
        set({ joined: false, lastError: describe(event.payload.error), restarting: event.payload.restart }),
      ),
      consumer.on(STOP, () => set({ ...this.state, joined: false })),
      consumer.on(DISCONNECT, () => set({ ...this.state, joined: false })),
    );
  }

  get status(): MembershipStatus {
    return this.state;
  }

  dispose(): void {
    for (const remove of this.removers.splice(0)) remove();
  }
}

function describe(error: Error): string {
  return `${error.name}: ${error.message}`;
}
