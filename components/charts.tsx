// Charts drawn on the server as SVG (issue 23): no script, no chart library. Each is an image
// with a title and a description, and the table of its numbers behind it; colours come from
// the page's own (light and dark) through CSS classes.

const W = 640;
const H = 220;
const PAD = { left: 36, right: 8, top: 12, bottom: 28 };

export interface Series {
  name: string;
}

/** Stacked columns over time (comments and replies per hour or day). */
export function ColumnChart({ id, title, desc, tableLabel, series, rows }: { id: string; title: string; desc: string; tableLabel: string; series: Series[]; rows: { label: string; values: number[] }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const inner = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const step = inner.w / Math.max(1, rows.length);
  const bar = Math.max(1, step * 0.75);
  const every = Math.ceil(rows.length / 8);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <text className="tick" x={PAD.left - 4} y={PAD.top + 4} textAnchor="end">
          {max}
        </text>
        <text className="tick" x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end">
          0
        </text>
        {rows.map((r, i) => {
          let y = H - PAD.bottom;
          const x = PAD.left + i * step + (step - bar) / 2;
          return (
            <g key={i}>
              {r.values.map((v, s) => {
                const h = (v / max) * inner.h;
                y -= h;
                return h > 0 ? <rect key={s} className={`s${s}`} x={x} y={y} width={bar} height={h} /> : null;
              })}
              {i % every === 0 ? (
                <text className="tick" x={x + bar / 2} y={H - PAD.bottom + 16} textAnchor="middle">
                  {r.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend">
          {series.map((s, i) => (
            <span key={s.name}>
              <svg width="12" height="12" aria-hidden="true">
                <rect className={`s${i}`} width="12" height="12" />
              </svg>{' '}
              {s.name}
            </span>
          ))}
        </span>
        <ChartTable title={title} label={tableLabel} columns={series.map((x) => x.name)} rows={rows} />
      </figcaption>
    </figure>
  );
}

/** Horizontal bars for counts by kind (reports by reason, decisions by kind). */
export function BarChart({ id, title, desc, tableLabel, countLabel, rows }: { id: string; title: string; desc: string; tableLabel: string; countLabel: string; rows: { label: string; value: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 36;
  const h = Math.max(rowH, rows.length * rowH) + 8;
  const labelW = 270;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {rows.map((r, i) => {
          const w = (r.value / max) * (W - labelW - 60);
          return (
            <g key={r.label}>
              <text className="label" x={labelW - 8} y={i * rowH + 25} textAnchor="end">
                {r.label}
              </text>
              <rect className="s0" x={labelW} y={i * rowH + 8} width={Math.max(w, r.value ? 2 : 0)} height={rowH - 14} />
              <text className="value" x={labelW + w + 6} y={i * rowH + 25}>
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ChartTable title={title} label={tableLabel} columns={[countLabel]} rows={rows.map((r) => ({ label: r.label, values: [r.value] }))} />
      </figcaption>
    </figure>
  );
}

/** The numbers behind a chart, one row per bar, in a table that opens under it. */
function ChartTable({ title, label, columns, rows }: { title: string; label: string; columns: string[]; rows: { label: string; values: number[] }[] }) {
  return (
    <details>
      <summary>{label}</summary>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, k) => (
                <td key={k}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
