/** Runs per page on the logs pages and their polling endpoint (one constant, so both agree). */
export const RUNS_PAGE_SIZE = 50;
