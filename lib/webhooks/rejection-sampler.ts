// Rejected deliveries are logged one row each while a source gets them at a few per second; past
// that they are counted, and one summary row per second says how many were not logged one by one,
// when, and the last reason. Anyone who knows a source id can send rejected deliveries (no
// signature needed to be refused), so without this every such request cost a row: 3,000
// requests, 3,000 rows. A token bucket per source, in this process (several server processes
// each allow the rate); the map holds one small entry per source that had rejections.

export const REJECTIONS_LOGGED_PER_SECOND = 5;
export const REJECTION_BURST = 10;
/** Suppressed rejections are summarised this long after the first of them. */
export const SUMMARY_DELAY_MS = 1000;

export type RejectionSummary = { count: number; firstAt: Date; lastAt: Date };
type Summarize = (summary: RejectionSummary) => Promise<void>;

type SourceState = {
  tokens: number;
  refilledAt: number;
  pending: (RejectionSummary & { summarize: Summarize }) | null;
  timer: ReturnType<typeof setTimeout> | null;
};

export type RejectionSamplerOptions = { perSecond?: number; burst?: number; summaryDelayMs?: number };

export class RejectionSampler {
  private readonly sources = new Map<string, SourceState>();
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly summaryDelayMs: number;

  constructor(options: RejectionSamplerOptions = {}) {
    this.perSecond = options.perSecond ?? REJECTIONS_LOGGED_PER_SECOND;
    this.burst = options.burst ?? REJECTION_BURST;
    this.summaryDelayMs = options.summaryDelayMs ?? SUMMARY_DELAY_MS;
  }

  /**
   * True when this rejection gets its own log row. False when it is counted instead: `summarize`
   * (the latest caller's, so the summary carries the last reason) then writes the summary row.
   */
  admit(sourceId: string, at: Date, summarize: Summarize): boolean {
    const now = at.getTime();
    let state = this.sources.get(sourceId);
    if (!state) {
      state = { tokens: this.burst, refilledAt: now, pending: null, timer: null };
      this.sources.set(sourceId, state);
    }
    state.tokens = Math.min(this.burst, state.tokens + (Math.max(0, now - state.refilledAt) / 1000) * this.perSecond);
    state.refilledAt = Math.max(state.refilledAt, now);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      return true;
    }
    state.pending = state.pending ? { ...state.pending, count: state.pending.count + 1, lastAt: at, summarize } : { count: 1, firstAt: at, lastAt: at, summarize };
    if (!state.timer) {
      state.timer = setTimeout(() => void this.flush(sourceId), this.summaryDelayMs);
      state.timer.unref?.();
    }
    return false;
  }

  /** Writes the pending summaries now (of one source, or all): on the timer, and in tests. */
  async flush(sourceId?: string): Promise<void> {
    const ids = sourceId === undefined ? [...this.sources.keys()] : [sourceId];
    await Promise.all(
      ids.map(async (id) => {
        const state = this.sources.get(id);
        if (!state) return;
        if (state.timer) clearTimeout(state.timer);
        state.timer = null;
        const pending = state.pending;
        state.pending = null;
        if (pending) await pending.summarize({ count: pending.count, firstAt: pending.firstAt, lastAt: pending.lastAt });
      }),
    );
  }
}
