import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { collectEpssCsv, readEpssCsv, type EpssCsvEvent } from './epss-csv.js';
import { FeedFormatError } from './feed-format-error.js';
import { readSharedText, streamSharedText } from './testing/shared-data.js';

describe('collectEpssCsv on the real snapshot', () => {
  it('reads all 360,142 rows, none rejected, and the snapshot comment’s fields', async () => {
    const contents = await collectEpssCsv(streamSharedText('epss/epss_scores.csv'));
    expect(contents.scores).toHaveLength(360_142);
    expect(contents.rejected).toEqual([]);
    // The EMBA crawl records neither FIRST's model version nor its score date.
    expect(contents.header).toEqual({
      modelVersion: undefined,
      scoreDate: undefined,
      commentFields: {
        source: 'EMBA-support-repos/EPSS-data crawl of api.first.org EPSS',
        snapshot_commit_date: '2026-08-16T13:16:02+02:00',
      },
    });
    expect(contents.scores[0]).toEqual({ cveId: 'CVE-1999-0001', probability: 0.03351, percentile: 0.8765 });
    expect(contents.scores.at(-1)).toEqual({
      cveId: 'CVE-2026-74439',
      probability: 0.00156,
      percentile: 0.05295,
    });
  });

  it('reads every number exactly as Number() reads its text', async () => {
    const text = readSharedText('epss/epss_scores.csv');
    const { scores } = await collectEpssCsv([text]);
    const rows = text.split('\n').slice(2, -1);
    expect(rows).toHaveLength(scores.length);
    const mismatches = rows.filter((row, index) => {
      const [, epss, percentile] = row.split(',');
      const score = scores[index];
      return score?.probability !== Number(epss) || score.percentile !== Number(percentile);
    });
    expect(mismatches).toEqual([]);
  });
});

async function events(chunks: Iterable<string>): Promise<EpssCsvEvent[]> {
  const result: EpssCsvEvent[] = [];
  for await (const event of readEpssCsv(chunks)) result.push(event);
  return result;
}

describe('readEpssCsv', () => {
  it('reads FIRST’s header comment: model version and score date', async () => {
    const text = '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\n';
    const contents = await collectEpssCsv([text]);
    expect(contents.header).toEqual({
      modelVersion: 'v2025.03.14',
      scoreDate: '2025-03-14T00:00:00.000Z',
      commentFields: { model_version: 'v2025.03.14', score_date: '2025-03-14T00:00:00+0000' },
    });
  });

  it('yields the header before any scores', async () => {
    const result = await events(['cve,epss,percentile\nCVE-2024-0001,0.5,0.9\n']);
    expect(result.map((event) => event.kind)).toEqual(['header', 'scores']);
  });

  it('rejects bad rows with their line numbers and keeps the good ones', async () => {
    const text = [
      '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000',
      'cve,epss,percentile',
      'CVE-2024-0001,0.00043,0.12',
      'CVE-2024-0002,1.2,0.5',
      'CVE-2024-0003,0.5,-0.1',
      'CVE-24-0004,0.5,0.5',
      'cve-2024-0005,0.5,0.5',
      'CVE-2024-0006,,0.5',
      'CVE-2024-0007,NaN,0.5',
      'CVE-2024-0008,0.5',
      'CVE-2024-0009,0.5,0.5,extra',
      'CVE-2024-0010,0x1,0.5',
      '',
      'CVE-2024-0011,1,0',
      'CVE-2024-0012,4e-05,1.0',
      'CVE-2024-0013, 0.25 ,0.5',
      'CVE-2024-10000,0.5,1.00001',
    ].join('\r\n');
    const contents = await collectEpssCsv([text]);
    expect(contents.scores).toEqual([
      { cveId: 'CVE-2024-0001', probability: 0.00043, percentile: 0.12 },
      { cveId: 'CVE-2024-0011', probability: 1, percentile: 0 },
      { cveId: 'CVE-2024-0012', probability: 0.00004, percentile: 1 },
      { cveId: 'CVE-2024-0013', probability: 0.25, percentile: 0.5 },
    ]);
    expect(contents.rejected).toEqual([
      { line: 4, reason: "CVE-2024-0002: epss '1.2' is not a probability in 0..1" },
      { line: 5, reason: "CVE-2024-0003: percentile '-0.1' is not in 0..1" },
      { line: 6, reason: "cve 'CVE-24-0004' is not a CVE id" },
      { line: 7, reason: "cve 'cve-2024-0005' is not a CVE id" },
      { line: 8, reason: "CVE-2024-0006: epss '' is not a probability in 0..1" },
      { line: 9, reason: "CVE-2024-0007: epss 'NaN' is not a probability in 0..1" },
      { line: 10, reason: 'expected 3 columns, found 2' },
      { line: 11, reason: 'expected 3 columns, found 4' },
      { line: 12, reason: "CVE-2024-0010: epss '0x1' is not a probability in 0..1" },
      { line: 17, reason: "CVE-2024-10000: percentile '1.00001' is not in 0..1" },
    ]);
  });

  it('finds the columns by name, in any order, ignoring extra columns', async () => {
    const contents = await collectEpssCsv(['percentile,note,CVE,EPSS\n0.9,x,CVE-2024-0001,0.5\n']);
    expect(contents.scores).toEqual([{ cveId: 'CVE-2024-0001', probability: 0.5, percentile: 0.9 }]);
  });

  it('refuses a file without a header naming cve, epss and percentile', async () => {
    await expect(collectEpssCsv(['#model_version:v1\n'])).rejects.toThrow(FeedFormatError);
    await expect(collectEpssCsv(['CVE-2024-0001,0.5,0.9\n'])).rejects.toThrow(
      "EPSS scores: line 1: the header must name the columns cve, epss and percentile; found 'CVE-2024-0001,0.5,0.9'",
    );
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    const text =
      '#score_date:2025-03-14\r\ncve,epss,percentile\r\nCVE-2024-0001,0.1,0.2\r\nCVE-2024-0002,2,0.2\r\nCVE-2024-0003,0.30000,0.4';
    const whole = await collectEpssCsv([text]);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 8 }),
        async (cuts) => {
          const offsets = [0, ...cuts.sort((a, b) => a - b), text.length];
          const chunks = offsets.slice(1).map((end, index) => text.slice(offsets[index], end));
          expect(await collectEpssCsv(chunks)).toEqual(whole);
        },
      ),
      { seed: 20261122 },
    );
  });
});
