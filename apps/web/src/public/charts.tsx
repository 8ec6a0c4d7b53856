import { Box, Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
  display: string;
}

/** Horizontal bar chart in plain SVG; the numbers are also in a table for screen readers. */
export function BarChart({ title, bars, color = '#0b4f8a' }: { title: string; bars: Bar[]; color?: string }) {
  const top = bars.slice(0, 8);
  const max = Math.max(1, ...top.map((b) => b.value));
  const row = 26;
  const labelWidth = 140;
  const width = 460;
  return (
    <Box component="figure" m={0}>
      <Text component="figcaption" fw={600} size="sm" mb="xs">
        {title}
      </Text>
      <svg
        className="chart"
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${top.length * row + 4}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {top.map((b, i) => {
          const w = Math.max(2, ((width - labelWidth - 90) * b.value) / max);
          return (
            <g key={b.label + i} transform={`translate(0 ${i * row})`}>
              <text x={0} y={17}>
                {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
              </text>
              <rect x={labelWidth} y={4} width={w} height={row - 8} fill={color} rx={2} />
              <text x={labelWidth + w + 6} y={17}>
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {top.map((b, i) => (
            <tr key={b.label + i}>
              <th scope="row">{b.label}</th>
              <td>{b.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

export interface HeatRow {
  label: string;
  cells: { value: number; display: string }[];
}

/** A heatmap table: colour shows intensity per column, the number is always printed. */
export function HeatTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: HeatRow[] }) {
  const max = columns.map((_, c) => Math.max(1, ...rows.map((r) => r.cells[c]?.value ?? 0)));
  return (
    <Box style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', inlineSize: '100%', fontSize: '0.85rem' }}>
        <caption style={{ textAlign: 'start', fontWeight: 600, paddingBlockEnd: '0.5rem' }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start' }}></th>
            {columns.map((c) => (
              <th key={c} scope="col" style={{ textAlign: 'center', paddingInline: '0.5rem' }}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" style={{ textAlign: 'start', fontWeight: 400, paddingInlineEnd: '0.5rem' }}>
                {r.label}
              </th>
              {r.cells.map((cell, c) => {
                const alpha = cell.value / max[c];
                return (
                  <td
                    key={c}
                    style={{
                      textAlign: 'center',
                      background: `rgba(11, 79, 138, ${0.08 + 0.8 * alpha})`,
                      color: alpha > 0.5 ? '#fff' : '#1b1f24',
                      border: '1px solid #fff',
                      paddingBlock: '0.25rem',
                    }}
                  >
                    {cell.display}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
