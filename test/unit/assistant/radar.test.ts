import { describe, expect, it } from 'vitest';
import { radarSvg, renderRadarPng } from '../../../src/assistant/charts/radar.ts';

const AREAS = [
  { label: '強み', score: 67 },
  { label: '人材・取引の安定', score: 42 },
  { label: '市場・取引先', score: 58 },
  { label: 'BCP（災害への備え）', score: 14 },
  { label: 'デジタル化', score: 80 },
];

/** Width and height from the IHDR chunk, which follows the 8-byte signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.slice(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('radar chart', () => {
  it('renders a PNG of the requested size', () => {
    const png = renderRadarPng(AREAS, { width: 600, height: 500 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 600, height: 500 });
    expect(pngSize(renderRadarPng(AREAS))).toEqual({ width: 720, height: 640 });
  });

  it('draws different pictures for different scores', () => {
    const a = renderRadarPng(AREAS);
    const b = renderRadarPng(AREAS.map((x) => ({ ...x, score: 100 - x.score })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(renderRadarPng(AREAS)))).toBe(true);
  });

  it('labels the axes in Japanese with the scores, rings at 20–100, and escapes the text', () => {
    const svg = radarSvg([...AREAS, { label: '研究<開発> & "品質"', score: 130 }], { title: '自己診断の結果' });
    for (const a of AREAS) expect(svg).toContain(`>${a.label}<tspan`);
    expect(svg).toContain('研究&lt;開発&gt; &amp; &quot;品質&quot;');
    expect(svg).not.toContain('研究<開発>');
    expect(svg).toContain('>100点</tspan>'); // a score above 100 is drawn at 100
    expect(svg).toContain('>67点</tspan>');
    for (const ring of [20, 40, 60, 80, 100]) expect(svg).toContain(`>${ring}</text>`);
    expect(svg).toContain('自己診断の結果');
    expect(svg).toContain('font-family="Noto Sans JP"');
  });

  it('copes with fewer than three areas', () => {
    expect(pngSize(renderRadarPng([{ label: '強み', score: 50 }, { label: 'BCP', score: 20 }]))).toEqual({ width: 720, height: 640 });
    expect(pngSize(renderRadarPng([]))).toEqual({ width: 720, height: 640 });
  });
});
