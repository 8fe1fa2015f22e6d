import { vi } from 'vitest';

/** The BroadcastChannels opened from now on and not yet closed (undone by `vi.unstubAllGlobals()`). */
export function trackOpenChannels(): Set<BroadcastChannel> {
  const channels = new Set<BroadcastChannel>();
  const RealChannel = window.BroadcastChannel;
  vi.stubGlobal(
    'BroadcastChannel',
    class extends RealChannel {
      constructor(name: string) {
        super(name);
        channels.add(this);
      }
      override close() {
        channels.delete(this);
        super.close();
      }
    },
  );
  return channels;
}
