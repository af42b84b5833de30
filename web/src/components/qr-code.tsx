import { encode } from 'uqr';

/** One SVG path of the dark modules, a run of neighbours in a row as one rectangle. */
function modulesPath(rows: boolean[][]): string {
  const parts: string[] = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      parts.push(`M${start} ${y}h${x - start + 1}v1h-${x - start + 1}z`);
    }
  });
  return parts.join('');
}

/**
 * `text` as a QR code in SVG (no canvas, no inline style, so the CSP holds), black on white
 * with the four-module quiet zone scanners expect. Medium error correction survives a glare.
 */
export function QrCode({
  text,
  label,
  size = 200,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const qr = encode(text, { ecc: 'M', border: 4 });
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={modulesPath(qr.data)} fill="#000" />
    </svg>
  );
}
