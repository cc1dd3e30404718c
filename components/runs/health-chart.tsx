// Runs per day stacked by outcome, as a server-rendered SVG (d3 computes the scales and the stack),
// with the same numbers as a table for screen readers and anyone who prefers one.

import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { HEALTH_OUTCOMES, type AutomationHealth, type HealthDay, type HealthSummary } from "@/lib/runs/automation-health";

const COLORS: Record<(typeof HEALTH_OUTCOMES)[number], string> = {
  succeeded: "#15803d",
  skipped: "#94a3b8",
  failed: "#dc2626",
  stopped: "#d97706",
  missed: "#7c3aed",
};

export function HealthChart({ health, compact = false, label }: { health: Pick<AutomationHealth, "days">; compact?: boolean; label: string }) {
  const width = compact ? 120 : 640;
  const height = compact ? 24 : 160;
  const x = scaleBand<string>().domain(health.days.map((d) => d.day)).range([0, width]).paddingInner(compact ? 0.15 : 0.2);
  const max = Math.max(1, ...health.days.map((d) => HEALTH_OUTCOMES.reduce((sum, o) => sum + d[o], 0)));
  const y = scaleLinear().domain([0, max]).nice().range([height, 0]);
  const layers = stack<HealthDay, (typeof HEALTH_OUTCOMES)[number]>().keys(HEALTH_OUTCOMES)(health.days);
  // The full chart stretches to its container (a phone is narrower than 640 px); bars may widen, lines keep their stroke.
  return (
    <svg
      role="img"
      aria-label={label}
      width={compact ? width : "100%"}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio={compact ? undefined : "none"}
      className={compact ? "overflow-visible" : "block max-w-3xl overflow-visible"}
    >
      {layers.map((layer) => (
        <g key={layer.key} fill={COLORS[layer.key]}>
          {layer.map((point) =>
            point[1] > point[0] ? (
              <rect key={point.data.day} x={x(point.data.day)} y={y(point[1])} width={x.bandwidth()} height={Math.max(0, y(point[0]) - y(point[1]))}>
                <title>{`${point.data.day}: ${point.data[layer.key]} ${layer.key}`}</title>
              </rect>
            ) : null,
          )}
        </g>
      ))}
      {compact ? null : <line x1={0} x2={width} y1={height} y2={height} stroke="#cbd5e1" vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}

/** The list's small chart: 30 bars, named by its numbers in words. */
export function HealthSparkline({ health, name }: { health: HealthSummary; name: string }) {
  const counts = HEALTH_OUTCOMES.map((o) => [o, health.days.reduce((sum, d) => sum + d[o], 0)] as const).filter(([, n]) => n > 0);
  const words = health.total === 0 ? "no runs" : `${health.total} ${health.total === 1 ? "run" : "runs"}: ${counts.map(([o, n]) => `${n} ${o}`).join(", ")}`;
  const label = `${name}, last ${health.days.length} days: ${words}${health.failureRate === null ? "" : `, failure rate ${percent(health.failureRate)}`}`;
  return (
    <div className="flex flex-col gap-0.5">
      <HealthChart health={health} compact label={label} />
      <span className="text-xs text-ink-muted" aria-hidden>
        {health.total === 0 ? "No runs" : `${health.total} ${health.total === 1 ? "run" : "runs"} · ${percent(health.failureRate)} failed`}
      </span>
    </div>
  );
}

const shortDay = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

/** Under the full chart: today and every seventh day before it, so a bad day can be named at a glance. */
function DayAxis({ days }: { days: HealthDay[] }) {
  const last = days.length - 1;
  return (
    <div className="relative mt-1 h-4 max-w-3xl text-[11px] text-ink-muted" aria-hidden>
      {days.map((d, i) => {
        if ((last - i) % 7 !== 0) return null;
        const left = ((i + 0.5) / days.length) * 100;
        const place = i === last ? { right: 0 } : { left: `${left}%`, transform: left < 10 ? undefined : "translateX(-50%)" };
        return <span key={d.day} className="absolute whitespace-nowrap" style={place}>{shortDay.format(new Date(`${d.day}T00:00:00Z`))}</span>;
      })}
    </div>
  );
}

function percent(rate: number | null): string {
  if (rate === null) return "—";
  // One decimal near the ends, so 0.4 % is not "0 %" and 99.6 % not "100 %".
  const near = (rate > 0 && rate < 0.01) || (rate > 0.99 && rate < 1);
  return `${(rate * 100).toFixed(near ? 1 : 0)} %`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function deliveriesText({ deliveries, deliverySuccessRate }: AutomationHealth): string {
  const ended = deliveries.delivered + deliveries.failed;
  if (ended === 0) return "no deliveries";
  return `deliveries: ${percent(deliverySuccessRate)} delivered (${deliveries.delivered} of ${ended})`;
}

/** The automation page's panel: the chart, the headline figures, a legend, and the table. */
export function HealthPanel({ health }: { health: AutomationHealth }) {
  const days = health.days.length;
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading" className="mb-1 text-lg font-semibold text-ink">Health, last {days} days</h2>
      <p className="mb-3 text-sm text-ink-muted">
        {health.total} {health.total === 1 ? "run" : "runs"} · failure rate {percent(health.failureRate)} · median duration{" "}
        {health.medianDurationMs === null ? "—" : <abbr title="Approximate: within 9 % of the exact median">≈ {formatMs(health.medianDurationMs)}</abbr>} ·{" "}
        {deliveriesText(health)} · days in {health.timeZone}
      </p>
      <HealthChart health={health} label={`Runs per day over the last ${days} days, by outcome`} />
      <DayAxis days={health.days} />
      <ul className="mt-2 flex flex-wrap gap-4 text-xs text-ink-muted" aria-hidden>
        {HEALTH_OUTCOMES.map((o) => (
          <li key={o} className="flex items-center gap-1"><span className="inline-block h-2 w-2 rounded-sm" style={{ background: COLORS[o] }} />{o}</li>
        ))}
      </ul>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">Show as a table</summary>
        <table className="mt-2 text-left text-xs">
          <caption className="sr-only">Runs per day by outcome</caption>
          <thead>
            <tr><th scope="col" className="pr-4">Day</th>{HEALTH_OUTCOMES.map((o) => <th key={o} scope="col" className="pr-4 capitalize">{o}</th>)}</tr>
          </thead>
          <tbody>
            {health.days.filter((d) => HEALTH_OUTCOMES.some((o) => d[o] > 0)).map((d) => (
              <tr key={d.day}><th scope="row" className="pr-4 font-normal">{d.day}</th>{HEALTH_OUTCOMES.map((o) => <td key={o} className="pr-4">{d[o]}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
