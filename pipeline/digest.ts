// The month's digest as an e-mail, built from the published report: the headline
// tiles, the largest ROI changes, the month in words, two charts, a link to the
// month's page and the PDF when the run printed one. Every figure comes from the
// site's own modules (tiles.ts, sentences.ts, views/overview.ts) over the exported
// Arrow files, so the mail says what the overview says, to the character.
//
// Mail clients are not browsers: the HTML is a table layout with inline styles only
// (no <style>, no external CSS, no script), charts are PNG images attached inline
// (`cid:`), drawn from the same Vega specs as the site's SVG at a fixed width; a plain
// text part carries the same content for clients that show no HTML.
import { existsSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { EmailSettings } from './config.ts';

export interface DigestImage {
  /** The `cid:` the HTML names. */
  cid: string;
  filename: string;
  png: Buffer;
  /** Shown size in CSS pixels; the PNG has twice as many for sharp screens. */
  width: number;
  height: number;
}

export interface Digest {
  month: string;
  subject: string;
  html: string;
  text: string;
  /** The month's page. */
  url: string;
  images: DigestImage[];
  /** The month's PDF beside the site (`<out>/<month>/<month>.pdf`), when the run printed one. */
  pdf: { filename: string; path: string } | null;
}

/** The width of the message's column; mail clients show 600 px or so without scaling. */
export const MAIL_WIDTH = 600;
/** Inner width of the column (padding left and right), the widest a chart is drawn. */
const CONTENT_WIDTH = 560;
/** The overview's charts the mail shows: ROI by channel, and cost against revenue over 13 months. */
export const MAIL_CHARTS = ['channel-roi', 'spend-revenue'] as const;
/** How many campaigns rose and fell most, each. */
const MOVERS = 3;
const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;
const COLORS = { text: '#1f2933', muted: '#52606d', line: '#d9dee4', canvas: '#f5f6f8', accent: '#1f3a5f', good: '#1a7f4b', bad: '#b3261e', neutral: '#52606d' };
const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Builds the digest of the report published in `outDir` (its `data/` folder, read as
 * the site's build reads it). The site's modules are loaded here, not when the run starts:
 * a run without e-mail never loads Vega for it.
 */
export async function buildDigest(outDir: string, email: EmailSettings): Promise<Digest> {
  const dataDir = realpathSync(join(outDir, 'data'));
  const previous = { data: process.env.REPORT_DATA_DIR, charts: process.env.REPORT_CHARTS_DIR };
  // the site reads its data folder from the environment (site/lib/data/load.ts reportData)
  process.env.REPORT_DATA_DIR = dataDir;
  delete process.env.REPORT_CHARTS_DIR;
  try {
    const [{ getReport }, { overviewView }, { roiMovers }, { monthRows }, { isChange }, { monthPath }, { renderChart }, { intervalWords }, { digestMessages }] = await Promise.all([
      import('../site/lib/report.ts'),
      import('../site/lib/views/overview.ts'),
      import('../site/lib/sentences.ts'),
      import('../site/lib/select.ts'),
      import('../site/lib/tiles.ts'),
      import('../site/lib/routes.ts'),
      import('../site/lib/vega.ts'),
      import('../site/lib/intervals.ts'),
      import('../site/lib/i18n-digest.ts'),
    ]);
    const report = getReport();
    const { t, fmt, month } = report;
    const d = digestMessages(report.manifest.settings.locale);
    const view = overviewView(report, month);
    const monthWords = fmt.month(month);
    const base = email.report_url.endsWith('/') ? email.report_url : `${email.report_url}/`;
    const url = new URL(monthPath(month), base).href;
    const subject = email.subject === null ? d.subject(report.title, monthWords) : email.subject.replaceAll('{month}', monthWords);

    const info = report.monthInfo(month);
    const incomplete = info.complete
      ? null
      : info.missing === 'orders'
        ? t.incompleteNoOrders
        : info.missing === 'paid_data'
          ? t.incompleteNoPaidData
          : info.completeThrough
            ? t.incompleteNote(fmt.date(info.completeThrough))
            : t.incompleteNoDate;

    const tiles = view.tiles.map((tile) => ({
      label: tile.label,
      hint: tile.hint,
      value: tile.value,
      change: isChange(tile.month)
        ? { arrow: ARROWS[tile.month.direction], text: tile.month.text, against: tile.month.against, color: COLORS[tile.month.tone] }
        : { arrow: '', text: tile.month.note, against: '', color: COLORS.neutral },
    }));

    const tooFew = intervalWords(report).tooFew;
    // a messaging campaign is judged on conversations, never on ROI: not among the movers
    const { up, down } = roiMovers(monthRows(report.data.datasets.campaign_roi, month, report.model).filter((r) => r.objective !== 'messaging'), MOVERS);
    const movers = [...up, ...down].map((r) => ({
      campaign: report.campaignName(r.campaign, r.name),
      channel: r.too_few_conversions === true ? `${report.channelName(r.channel)}; ${tooFew}` : report.channelName(r.channel),
      before: fmt.percent(r.roi_prev, 1),
      now: fmt.percent(r.roi, 1),
      change: fmt.pointsChange(r.roi_change),
      color: (r.roi_change ?? 0) > 0 ? COLORS.good : COLORS.bad,
      arrow: (r.roi_change ?? 0) > 0 ? ARROWS.up : ARROWS.down,
    }));

    const images: DigestImage[] = [];
    const charts: { title: string; caption: string; image: DigestImage }[] = [];
    for (const id of MAIL_CHARTS) {
      const chart = view.charts.find((c) => c.id === id);
      if (!chart?.drawing) continue;
      const drawing = chart.drawing;
      const draw = (width: number) => renderChart({ spec: drawing.spec({ width, narrow: false }), ...drawing.input({ width, narrow: false }) }, fmt);
      const plot = 'single' in drawing.widths ? drawing.widths.single : drawing.widths.wide;
      // the plot width is the spec's; axes, labels and legend come on top: drawn again (labels move) until it fills the column
      let width = plot;
      let svg = await draw(width);
      for (let attempt = 0; attempt < 3; attempt++) {
        const spare = Math.floor(CONTENT_WIDTH - svgSize(svg).width);
        if (spare <= 0 && spare > -4) break;
        width = Math.max(120, width + spare);
        svg = await draw(width);
      }
      if (svgSize(svg).width > CONTENT_WIDTH) svg = await draw(Math.max(120, width - Math.ceil(svgSize(svg).width - CONTENT_WIDTH)));
      const image = toPng(svg, `${id}@${month}`, `${id}.png`);
      images.push(image);
      charts.push({ title: chart.title, caption: d.chartAlt(chart.title, chart.label), image });
    }

    const pdfPath = join(outDir, month, `${month}.pdf`);
    const pdf = existsSync(pdfPath) ? { filename: basename(pdfPath), path: pdfPath } : null;
    const footer = d.footer(report.modelName(report.model), report.manifest.data_as_of ? fmt.date(report.manifest.data_as_of) : null);

    const content: DigestContent = {
      lang: report.manifest.settings.locale,
      title: report.title,
      monthWords,
      preview: d.preview(monthWords),
      incomplete,
      headline: t.headlineHeading,
      noData: t.noData,
      tiles,
      moversHeading: d.moversHeading,
      moversIntro: d.moversIntro,
      noMovers: d.noMovers,
      moverColumns: [t.col.name, d.roiFromTo, d.roiChange],
      roiLabel: t.col.roi,
      movers,
      wordsHeading: t.monthInWords,
      sentences: view.sentences,
      chartsHeading: t.chartsHeading,
      charts,
      openReport: d.openReport,
      url,
      pdfNote: pdf ? d.pdfAttached(pdf.filename) : null,
      footer,
    };
    return { month, subject, html: digestHtml(content), text: digestText(content), url, images, pdf };
  } finally {
    restoreEnv('REPORT_DATA_DIR', previous.data);
    restoreEnv('REPORT_CHARTS_DIR', previous.charts);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** The root element's width and height of a Vega SVG. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/ width="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/ height="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error(`a chart's SVG has no width and height: ${root.slice(0, 200)}`);
  return { width, height };
}

/** A chart's SVG as a PNG at twice its size on white (mail clients' dark modes keep images as they are). */
function toPng(svg: string, cid: string, filename: string): DigestImage {
  const { width, height } = svgSize(svg);
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { loadSystemFonts: true, defaultFontFamily: 'Arial' } }).render().asPng();
  return { cid, filename, png: Buffer.from(png), width: Math.round(width), height: Math.round(height) };
}

// ---------------------------------------------------------------- the two parts

interface DigestContent {
  lang: string;
  title: string;
  monthWords: string;
  preview: string;
  incomplete: string | null;
  headline: string;
  /** Said instead of the tiles when the month has no figures. */
  noData: string;
  tiles: { label: string; hint: string; value: string; change: { arrow: string; text: string; against: string; color: string } }[];
  moversHeading: string;
  moversIntro: string;
  noMovers: string;
  moverColumns: string[];
  /** "ROI", before the figures of a mover in the text part. */
  roiLabel: string;
  movers: { campaign: string; channel: string; before: string; now: string; change: string; color: string; arrow: string }[];
  wordsHeading: string;
  sentences: string[];
  chartsHeading: string;
  charts: { title: string; caption: string; image: DigestImage }[];
  openReport: string;
  url: string;
  pdfNote: string | null;
  footer: string;
}

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Soft hyphens of table headings (`Gesamt\u00adkosten`) help a page's narrow columns, not a line of text. */
const plain = (text: string) => text.replaceAll('\u00ad', '');

function digestHtml(c: DigestContent): string {
  const font = `font-family:${FONT};`;
  const h2 = (text: string) => `<h2 style="margin:24px 0 8px;${font}font-size:18px;line-height:24px;font-weight:bold;color:${COLORS.text};">${esc(plain(text))}</h2>`;
  const row = (inner: string) => `<tr><td style="padding:0 20px;">${inner}</td></tr>`;
  // the tile is the cell itself, so both tiles of a row are as tall as the taller one
  const tileCell = (tile: DigestContent['tiles'][number]) =>
    `<td width="50%" valign="top" style="padding:10px 12px;border:1px solid ${COLORS.line};border-radius:8px;background:#ffffff;${font}">` +
    `<div style="font-size:13px;line-height:18px;color:${COLORS.muted};">${esc(plain(tile.label))}</div>` +
    `<div class="tile-value" style="font-size:21px;line-height:28px;font-weight:bold;color:${COLORS.text};white-space:nowrap;">${esc(tile.value)}</div>` +
    `<div style="font-size:13px;line-height:18px;color:${tile.change.color};">${tile.change.arrow ? `${tile.change.arrow}&nbsp;` : ''}<span class="change-value">${esc(tile.change.text)}</span>${tile.change.against ? ` <span style="color:${COLORS.muted};">${esc(tile.change.against)}</span>` : ''}</div>` +
    `<div style="font-size:12px;line-height:16px;color:${COLORS.muted};padding-top:4px;">${esc(plain(tile.hint))}</div>` +
    `</td>`;
  const tileRows: string[] = [];
  // two a row: three do not fit a phone's width without a style sheet's media query
  for (let i = 0; i < c.tiles.length; i += 2) tileRows.push(`<tr>${c.tiles.slice(i, i + 2).map(tileCell).join('')}${c.tiles.length - i < 2 ? '<td width="50%"></td>' : ''}</tr>`);
  const th = (text: string, align: string) => `<th align="${align}" style="padding:6px;border-bottom:2px solid ${COLORS.line};${font}font-size:12px;line-height:16px;font-weight:bold;color:${COLORS.muted};text-align:${align};">${esc(plain(text))}</th>`;
  const td = (html: string, align: string, extra = '') => `<td align="${align}" valign="top" style="padding:6px;border-bottom:1px solid ${COLORS.line};${font}font-size:14px;line-height:20px;color:${COLORS.text};text-align:${align};${extra}">${html}</td>`;
  const movers = c.movers.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">` +
      `<tr>${c.moverColumns.map((col, i) => th(col, i === 0 ? 'left' : 'right')).join('')}</tr>` +
      c.movers
        .map((m) =>
          // the channel under the campaign, not in a column of its own: five columns do not fit a phone
          `<tr>${td(`${esc(m.campaign)}<br><span style="font-size:12px;line-height:16px;color:${COLORS.muted};">${esc(m.channel)}</span>`, 'left')}` +
          `${td(`${esc(m.before)} →&nbsp;${esc(m.now)}`, 'right')}${td(`${m.arrow}&nbsp;${esc(m.change)}`, 'right', `color:${m.color};`)}</tr>`,
        )
        .join('') +
      `</table>`
    : `<p style="margin:0;${font}font-size:14px;line-height:20px;color:${COLORS.muted};">${esc(c.noMovers)}</p>`;
  const sentences = `<ul style="margin:0;padding:0 0 0 20px;">${c.sentences.map((s) => `<li style="margin:0 0 6px;${font}font-size:14px;line-height:21px;color:${COLORS.text};">${esc(s)}</li>`).join('')}</ul>`;
  const charts = c.charts
    .map(
      ({ title, caption, image }) =>
        `<h3 style="margin:16px 0 6px;${font}font-size:15px;line-height:20px;font-weight:bold;color:${COLORS.text};">${esc(title)}</h3>` +
        `<img src="cid:${esc(image.cid)}" width="${image.width}" height="${image.height}" alt="${esc(caption)}" style="display:block;border:0;outline:none;width:100%;max-width:${image.width}px;height:auto;">`,
    )
    .join('');
  const button =
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0 8px;"><tr><td style="border-radius:6px;background:${COLORS.accent};">` +
    `<a href="${esc(c.url)}" style="display:inline-block;padding:12px 20px;${font}font-size:15px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;">${esc(c.openReport)} →</a>` +
    `</td></tr></table><p style="margin:0;${font}font-size:12px;line-height:18px;color:${COLORS.muted};word-break:break-all;"><a href="${esc(c.url)}" style="color:${COLORS.accent};">${esc(c.url)}</a></p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(c.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(c.title)} – ${esc(c.monthWords)}</title></head>`,
    `<body style="margin:0;padding:0;background:${COLORS.canvas};">`,
    // the preview line mail clients show beside the subject, hidden in the message itself
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${esc(c.preview)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLORS.canvas};"><tr><td align="center" style="padding:16px 8px;">`,
    `<table role="presentation" width="${MAIL_WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${MAIL_WIDTH}px;background:#ffffff;border:1px solid ${COLORS.line};border-radius:10px;">`,
    row(
      `<p style="margin:20px 0 0;${font}font-size:13px;line-height:18px;color:${COLORS.muted};">${esc(c.title)}</p>` +
        `<h1 style="margin:2px 0 0;${font}font-size:26px;line-height:32px;font-weight:bold;color:${COLORS.text};">${esc(c.monthWords)}</h1>` +
        (c.incomplete ? `<p style="margin:12px 0 0;padding:8px 12px;background:#fff4e5;border-left:4px solid #b45309;${font}font-size:14px;line-height:20px;color:${COLORS.text};">${esc(c.incomplete)}</p>` : ''),
    ),
    row(h2(c.headline)),
    c.tiles.length
      ? `<tr><td style="padding:0 12px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="8" border="0" style="border-collapse:separate;">${tileRows.join('')}</table></td></tr>`
      : row(`<p style="margin:0;${font}font-size:14px;line-height:20px;color:${COLORS.muted};">${esc(c.noData)}</p>`),
    row(h2(c.moversHeading) + `<p style="margin:0 0 8px;${font}font-size:13px;line-height:18px;color:${COLORS.muted};">${esc(c.moversIntro)}</p>` + movers),
    row(h2(c.wordsHeading) + sentences),
    ...(c.charts.length ? [row(h2(c.chartsHeading) + charts)] : []),
    row(button + (c.pdfNote ? `<p style="margin:12px 0 0;${font}font-size:14px;line-height:20px;color:${COLORS.text};">${esc(c.pdfNote)}</p>` : '')),
    row(`<p style="margin:24px 0 20px;padding-top:12px;border-top:1px solid ${COLORS.line};${font}font-size:12px;line-height:18px;color:${COLORS.muted};">${esc(c.footer)}</p>`),
    '</table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}

function digestText(c: DigestContent): string {
  const lines: string[] = [c.title, c.monthWords, ''];
  if (c.incomplete) lines.push(c.incomplete, '');
  const heading = (text: string) => lines.push(plain(text), '='.repeat(plain(text).length));
  heading(c.headline);
  if (c.tiles.length === 0) lines.push(c.noData);
  for (const tile of c.tiles) {
    const change = [tile.change.arrow, tile.change.text, tile.change.against].filter(Boolean).join(' ');
    lines.push(`${plain(tile.label)}: ${tile.value} (${change})`);
  }
  lines.push('');
  heading(c.moversHeading);
  if (c.movers.length === 0) lines.push(c.noMovers);
  for (const m of c.movers) lines.push(`- ${m.campaign} (${m.channel}): ${c.roiLabel} ${m.before} → ${m.now} (${m.arrow} ${m.change})`);
  lines.push('');
  heading(c.wordsHeading);
  for (const s of c.sentences) lines.push(`- ${s}`);
  lines.push('', `${c.openReport}: ${c.url}`);
  if (c.pdfNote) lines.push(c.pdfNote);
  lines.push('', '-- ', c.footer, '');
  return lines.join('\n');
}
