// Radar chart of the diagnosis area scores: an SVG (grid rings at 20/40/60/80/100, Japanese
// axis labels with the score, the owner's polygon filled semi-transparent) rendered to PNG by
// resvg with the bundled Noto Sans JP, so the chart looks the same on every server.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

export type RadarArea = { label: string; score: number };
export type RadarOptions = { width?: number; height?: number; title?: string };

const FONT_FAMILY = 'Noto Sans JP';
const RINGS = [20, 40, 60, 80, 100];
const COLORS = { grid: '#d0d5dd', axis: '#98a2b3', ringText: '#667085', label: '#101828', score: '#1d4ed8', fill: '#2563eb' };

let fontFile: string | undefined;
/** The Noto Sans JP 400 TTF shipped in node_modules, resolved once. */
function notoSansJp(): string {
  fontFile ??= createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  return fontFile;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const clampScore = (n: number) => (Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0);
const fmt = (n: number) => n.toFixed(1);

const LABEL_SIZE = 20;
const SCORE_SIZE = 18;
const LABEL_GAP = 22; // from the outer ring to the label
const PAD = 10; // from the label to the picture's edge

/** Rough width of a label in pixels: full-width characters take 1em, half-width ones about 0.6em. */
const textWidth = (s: string, size: number) => [...s].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.6 : 1) * size, 0);

/** The largest radius at which every axis label (two lines, anchored by its side) stays inside the picture. */
function fittingRadius(labels: string[], angle: (i: number) => number, box: { width: number; top: number; bottom: number }): number {
  const cx = box.width / 2;
  const cy = (box.top + box.bottom) / 2;
  let r = Math.min(cx, (box.bottom - box.top) / 2);
  labels.forEach((label, i) => {
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const w = Math.max(textWidth(label, LABEL_SIZE), textWidth('100点', SCORE_SIZE));
    // horizontal: a side label runs outward from its point; a top/bottom one is centred on it
    if (Math.abs(cos) >= 0.3) r = Math.min(r, (cx - PAD - w) / Math.abs(cos) - LABEL_GAP);
    else r = Math.min(r, cx - PAD - w / 2);
    // vertical: two lines (about 2.4 label heights) above the top point or below the bottom one
    const h = LABEL_SIZE * 2.4;
    if (Math.abs(sin) > 0.3) r = Math.min(r, (cy - box.top - PAD - h) / Math.abs(sin) - LABEL_GAP);
  });
  return Math.max(40, r);
}

export function radarSvg(areas: RadarArea[], opts: RadarOptions = {}): string {
  const width = opts.width ?? 720;
  const height = opts.height ?? 640;
  const top = opts.title ? 48 : 0;
  const cx = width / 2;
  const cy = top + (height - top) / 2;
  const n = areas.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
  const r = fittingRadius(
    areas.map((a) => a.label),
    angle,
    { width, top, bottom: height },
  );
  const at = (i: number, radius: number) => ({ x: cx + radius * Math.cos(angle(i)), y: cy + radius * Math.sin(angle(i)) });
  const polygon = (radius: (i: number) => number) =>
    areas
      .map((_, i) => at(i, radius(i)))
      .map((p) => `${fmt(p.x)},${fmt(p.y)}`)
      .join(' ');

  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (opts.title) parts.push(`<text x="${cx}" y="34" text-anchor="middle" font-size="24" fill="${COLORS.label}">${escapeXml(opts.title)}</text>`);
  for (const ring of RINGS) {
    const rr = (r * ring) / 100;
    parts.push(
      n >= 3
        ? `<polygon points="${polygon(() => rr)}" fill="none" stroke="${COLORS.grid}" stroke-width="1"/>`
        : `<circle cx="${cx}" cy="${cy}" r="${fmt(rr)}" fill="none" stroke="${COLORS.grid}" stroke-width="1"/>`,
    );
    parts.push(`<text x="${fmt(cx + 6)}" y="${fmt(cy - rr - 3)}" font-size="12" fill="${COLORS.ringText}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${ring}</text>`);
  }
  areas.forEach((_, i) => {
    const p = at(i, r);
    parts.push(`<line x1="${cx}" y1="${cy}" x2="${fmt(p.x)}" y2="${fmt(p.y)}" stroke="${COLORS.axis}" stroke-width="1"/>`);
  });
  if (n > 0) {
    const score = (i: number) => (r * clampScore(areas[i]!.score)) / 100;
    parts.push(`<polygon points="${polygon(score)}" fill="${COLORS.fill}" fill-opacity="0.25" stroke="${COLORS.fill}" stroke-width="3" stroke-linejoin="round"/>`);
    areas.forEach((_, i) => {
      const p = at(i, score(i));
      parts.push(`<circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="5" fill="${COLORS.fill}"/>`);
    });
  }
  areas.forEach((a, i) => {
    const p = at(i, r + LABEL_GAP);
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const anchor = Math.abs(cos) < 0.3 ? 'middle' : cos > 0 ? 'start' : 'end';
    // two lines (label, score): above the point at the top, below it at the bottom, centred at the sides
    const y = sin < -0.3 ? p.y - 26 : sin > 0.3 ? p.y + 16 : p.y - 6;
    parts.push(
      `<text x="${fmt(p.x)}" y="${fmt(y)}" text-anchor="${anchor}" font-size="${LABEL_SIZE}" fill="${COLORS.label}">${escapeXml(a.label)}` +
        `<tspan x="${fmt(p.x)}" dy="26" font-size="${SCORE_SIZE}" fill="${COLORS.score}">${Math.round(clampScore(a.score))}点</tspan></text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">${parts.join('')}</svg>`;
}

/** The radar chart as PNG bytes (width × height pixels). */
export function renderRadarPng(areas: RadarArea[], opts: RadarOptions = {}): Uint8Array {
  const resvg = new Resvg(radarSvg(areas, opts), {
    font: { fontFiles: [notoSansJp()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
