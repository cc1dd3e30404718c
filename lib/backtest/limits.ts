/** What a backtest cannot know, said beside every result. */
export const BACKTEST_LIMITS = [
  "Events older than the history's retention period are gone and not counted.",
  "Effects of other automations (and of this one's own actions) on later events are not simulated.",
  "Changes the CRM did not send in `previous` are not detected: past entity states are not reconstructed.",
];
