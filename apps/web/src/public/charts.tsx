import { Box, Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
  display: string;
}

/**
 * Horizontal bar chart in HTML (not a scaled SVG: its labels would shrink below 12 px on a phone);
 * the numbers are also in a table for screen readers.
 */
export function BarChart({
  title,
  bars,
  color = '#0b4f8a',
  limit = 8,
}: {
  title: string;
  bars: Bar[];
  color?: string;
  /** How many bars at most (the first ones). */
  limit?: number;
}) {
  const top = bars.slice(0, limit);
  const max = Math.max(1, ...top.map((b) => b.value));
  return (
    <Box component="figure" m={0}>
      <Text component="figcaption" fw={600} size="sm" mb="xs">
        {title}
      </Text>
      <div className="bar-chart" aria-hidden="true">
        {top.map((b, i) => (
          <div key={b.label + i} className="bar-row">
            <span className="bar-label" title={b.label}>
              {b.label}
            </span>
            <span className="bar-track">
              <span
                className="bar"
                style={{ inlineSize: `${Math.max(1, (100 * b.value) / max)}%`, background: color }}
              />
              <span className="bar-value">{b.display}</span>
            </span>
          </div>
        ))}
      </div>
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
export function HeatTable({
  caption,
  corner,
  columns,
  rows,
}: {
  caption: string;
  /** What the rows are (the corner header, so no header cell is empty). */
  corner: string;
  columns: string[];
  rows: HeatRow[];
}) {
  const max = columns.map((_, c) => Math.max(1, ...rows.map((r) => r.cells[c]?.value ?? 0)));
  return (
    // scrolls sideways on a phone: focusable, so a keyboard can scroll it too
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={caption}>
      <table style={{ borderCollapse: 'collapse', inlineSize: '100%', fontSize: '0.85rem' }}>
        <caption style={{ textAlign: 'start', fontWeight: 600, paddingBlockEnd: '0.5rem' }}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'start' }}>
              {corner}
            </th>
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
              <th
                scope="row"
                style={{ textAlign: 'start', fontWeight: 400, paddingInlineEnd: '0.5rem', minInlineSize: '14rem' }}
              >
                {r.label}
              </th>
              {r.cells.map((cell, c) => {
                const alpha = cell.value / max[c];
                const shade = heatShade(alpha);
                return (
                  <td
                    key={c}
                    style={{
                      textAlign: 'center',
                      background: shade.background,
                      color: shade.color,
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

const BLUE = [11, 79, 138];
const channel = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const luminance = (rgb: number[]) => 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);

/**
 * A heat cell's background (the brand blue over white, by intensity) and the text colour, black or
 * white, whichever contrasts more with it: never below 4.5:1 (WCAG AA), whatever the intensity.
 */
export function heatShade(intensity: number): { background: string; color: string; contrast: number } {
  const a = 0.08 + 0.8 * Math.min(1, Math.max(0, intensity));
  const rgb = BLUE.map((c) => Math.round(c * a + 255 * (1 - a)));
  const l = luminance(rgb);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return {
    background: `rgb(${rgb.join(', ')})`,
    color: onWhite >= onBlack ? '#fff' : '#000',
    contrast: Math.max(onWhite, onBlack),
  };
}
