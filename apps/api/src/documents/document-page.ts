import type { Language } from '@carapace/domain';
import { label } from './document-labels.js';
import { SafeHtml, escapeHtml, html } from './safe-html.js';

/**
 * The page every document shares: A4 print CSS, the Noto CJK fonts (Debian's `fonts-noto-cjk`; the
 * `lang` attribute makes Chromium pick the Simplified Chinese glyphs), and the running footer Chromium
 * prints in the bottom margin with the page number.
 */

/** Page margins, shared by the CSS and the PDF options so the running footer fits the bottom margin. */
export const PAGE_MARGINS = { top: '16mm', right: '15mm', bottom: '18mm', left: '15mm' } as const;

const FONT_FAMILY = `"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif`;

const STYLE = `
@page { size: A4; margin: ${PAGE_MARGINS.top} ${PAGE_MARGINS.right} ${PAGE_MARGINS.bottom} ${PAGE_MARGINS.left}; }
:root {
  --ink: #0f172a; --muted: #526072; --line: #dbe2ea; --line-strong: #b6c2cf;
  --accent: #0f766e; --accent-soft: #e6f4f2; --surface: #f6f8fa;
  --good: #166534; --warn: #9a3412; --bad: #b91c1c;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_FAMILY}; font-size: 9pt; line-height: 1.5; color: var(--ink); }
h1, h2, h3, p { margin: 0; }
.masthead { display: flex; justify-content: space-between; align-items: flex-end; padding-bottom: 9pt;
  border-bottom: 2.5pt solid var(--accent); }
.brand { font-size: 8pt; font-weight: 700; letter-spacing: 0.22em; color: var(--accent); }
.masthead h1 { font-size: 17pt; font-weight: 700; line-height: 1.25; margin-top: 3pt; }
.masthead .product { color: var(--muted); margin-top: 2pt; }
.masthead .reference { text-align: right; }
.masthead .reference .caption { font-size: 7.5pt; color: var(--muted); }
.masthead .reference .value { font-size: 13pt; font-weight: 700; font-variant-numeric: tabular-nums; }
.status { display: inline-block; margin-top: 3pt; padding: 1pt 7pt; border-radius: 8pt; font-size: 8pt;
  font-weight: 700; background: var(--accent-soft); color: var(--accent); }
.status.referred, .status.bind_requested { background: #fff4e5; color: var(--warn); }
.status.declined, .status.expired { background: #fde8e8; color: var(--bad); }
.facts { display: flex; margin: 10pt 0 4pt; border: 0.75pt solid var(--line); border-radius: 3pt; }
.facts > div { flex: 1 1 0; min-width: 0; padding: 6pt 8pt; border-left: 0.75pt solid var(--line); }
.facts > div.wide { flex-grow: 1.6; }
.facts > div.wide .sub { white-space: nowrap; }
.facts > div:first-child { border-left: 0; }
.facts .caption { font-size: 7.5pt; color: var(--muted); }
.facts .value { font-size: 11.5pt; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.35; }
.facts .sub { font-size: 7.5pt; color: var(--muted); }
main { counter-reset: section; }
section { margin-top: 13pt; }
section.keep, div.keep { break-inside: avoid; }
h2 { font-size: 10.5pt; font-weight: 700; color: var(--accent); padding-bottom: 3pt; margin-bottom: 5pt;
  border-bottom: 0.75pt solid var(--line-strong); break-after: avoid; }
h2::before { counter-increment: section; content: counter(section) "  "; color: var(--muted); }
h3 { font-size: 9pt; font-weight: 700; margin: 8pt 0 3pt; break-after: avoid; }
.note { font-size: 7.5pt; color: var(--muted); margin-top: 4pt; }
dl.details { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2pt 12pt; margin: 0; }
dl.details dt { color: var(--muted); }
dl.details dd { margin: 0; font-weight: 500; }
dl.details dd.wide { grid-column: span 3; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-size: 7.5pt; font-weight: 700; color: var(--muted); padding: 3pt 5pt;
  border-bottom: 0.75pt solid var(--line-strong); background: var(--surface); }
td { padding: 3pt 5pt; border-bottom: 0.5pt solid var(--line); vertical-align: top; }
th.num, td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 0.75pt solid var(--ink); border-bottom: 0; }
td.positive { color: var(--bad); }
td.negative { color: var(--good); }
.muted { color: var(--muted); }
.stats { display: flex; gap: 8pt; margin-bottom: 6pt; }
.stats > div { flex: 1; background: var(--surface); border-radius: 3pt; padding: 5pt 8pt; }
.stats .caption { font-size: 7.5pt; color: var(--muted); }
.stats .value { font-size: 10.5pt; font-weight: 700; font-variant-numeric: tabular-nums; }
.chart { break-inside: avoid; margin: 4pt 0 2pt; }
.chart .title { font-weight: 700; margin-bottom: 2pt; }
svg.lec { width: 100%; height: auto; font-family: ${FONT_FAMILY}; font-size: 9px; }
svg.lec .grid line { stroke: #e8edf2; stroke-width: 0.6; }
svg.lec .axis line { stroke: #64748b; stroke-width: 0.8; }
svg.lec .axis text, svg.lec .legend text { fill: #334155; }
svg.lec .axis-title { font-size: 9.5px; fill: var(--muted); }
svg.lec polyline { fill: none; stroke-width: 2; stroke-linejoin: round; }
svg.lec .gross { stroke: #64748b; stroke-width: 2; }
svg.lec .insured { stroke: #0f766e; stroke-width: 2; }
svg.lec .legend line.insured { stroke-dasharray: none; }
svg.lec .aggregate line { stroke: #b45309; stroke-width: 1; stroke-dasharray: 4 3; }
svg.lec .aggregate text { fill: #b45309; font-size: 8.5px; }
svg.lec .empty { fill: var(--muted); font-size: 11px; }
.two-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 14pt; }
ul.plain { margin: 0; padding-left: 12pt; }
.reproducibility { break-inside: avoid; margin-top: 14pt; padding: 6pt 8pt; background: var(--surface);
  border-radius: 3pt; font-size: 7.5pt; color: var(--muted); }
.reproducibility dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 1pt 10pt; margin: 3pt 0; }
.reproducibility dt { font-weight: 700; }
.reproducibility dd { margin: 0; overflow-wrap: anywhere; }
.disclaimer { margin-top: 8pt; font-size: 7.5pt; color: var(--muted); }
`;

/** Constant CSS written in this file: trusted markup, never user text. */
const TRUSTED_STYLE = new SafeHtml(STYLE);

export interface DocumentPageInput {
  readonly language: Language;
  readonly title: string;
  readonly body: SafeHtml;
}

/** The whole HTML document, ready for print. */
export function renderDocumentPage(input: DocumentPageInput): string {
  return html`<!doctype html>
    <html lang="${input.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="color-scheme" content="light" />
        <title>${input.title}</title>
        <style>
          ${TRUSTED_STYLE}
        </style>
      </head>
      <body>
        ${input.body}
      </body>
    </html> `.markup;
}

/**
 * The running footer: Chromium fills `pageNumber` and `totalPages`. The footer is a separate small
 * document without the page's styles, so it carries its own.
 */
export function renderPageFooter(language: Language, leftText: string): string {
  const pageOf = escapeHtml(label(language, 'pageOf'))
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{pages}', '<span class="totalPages"></span>');
  return `<div style="width:100%; margin:0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left}; display:flex; justify-content:space-between; font-family:${FONT_FAMILY.replaceAll('"', "'")}; font-size:7pt; color:#526072;"><span>${escapeHtml(leftText)}</span><span>${pageOf}</span></div>`;
}
