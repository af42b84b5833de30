/** A tiny trend line; decorative: the row always says the latest value and direction in words. */
export function Sparkline({
  values,
  width = 96,
  height = 28,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const sy = (v: number) => height - 3 - ((v - min) / (max - min || 1)) * (height - 6);
  const sx = (i: number) => 2 + (i / (values.length - 1)) * (width - 4);
  const d = values
    .map((v, i) => `${i ? 'L' : 'M'}${sx(i).toFixed(1)},${sy(v).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      className="sparkline"
    >
      <path d={d} />
    </svg>
  );
}
