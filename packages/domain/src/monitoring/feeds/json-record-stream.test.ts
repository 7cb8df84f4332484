import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { readJsonRecords, type JsonLayout, type JsonRecordItem } from './json-record-stream.js';

async function readAll(chunks: Iterable<string>, layout?: JsonLayout): Promise<JsonRecordItem[]> {
  const items: JsonRecordItem[] = [];
  for await (const item of readJsonRecords(chunks, layout)) items.push(item);
  return items;
}

/** The text cut at the given offsets, as a stream delivers it. */
function cutAt(text: string, offsets: readonly number[]): string[] {
  const sorted = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const offset of sorted) {
    pieces.push(text.slice(start, offset));
    start = offset;
  }
  pieces.push(text.slice(start));
  return pieces;
}

describe('readJsonRecords on JSON Lines', () => {
  it('reads one record per line, ignores blank lines and numbers lines from 1', async () => {
    const text = '{"id":"A"}\n\n  \n{"id":"B"}\r\n{"id":"C"}';
    expect(await readAll([text])).toEqual([
      { kind: 'value', line: 1, value: { id: 'A' } },
      { kind: 'value', line: 4, value: { id: 'B' } },
      { kind: 'value', line: 5, value: { id: 'C' } },
    ]);
  });

  it('reports a broken line with its number and id and goes on with the next line', async () => {
    const text = '{"id":"A"}\n{"id":"BROKEN","affected":[\n{"id":"C"}\n';
    const items = await readAll([text]);
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ kind: 'unreadable', line: 2, idHint: 'BROKEN' });
    expect(items[2]).toEqual({ kind: 'value', line: 3, value: { id: 'C' } });
  });

  it('gives the same records however the text is cut into chunks', async () => {
    const text = '{"id":"A","s":"x\\n}"}\n\n{"id":"B"}\nnot json\n{"id":"C"}\n';
    const whole = await readAll([text]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (offsets) => {
        expect(await readAll(cutAt(text, offsets))).toEqual(whole);
      }),
    );
  });

  it('drops a UTF-8 byte-order mark before the first record', async () => {
    expect(await readAll(['\ufeff{"id":"A"}\n'])).toEqual([{ kind: 'value', line: 1, value: { id: 'A' } }]);
  });

  it('reads text that is not JSON at all line by line, reporting each line', async () => {
    const items = await readAll(['hello\nworld\n']);
    expect(items.map((item) => [item.kind, item.line])).toEqual([
      ['unreadable', 1],
      ['unreadable', 2],
    ]);
  });

  it('reads an empty input as no records', async () => {
    expect(await readAll([])).toEqual([]);
    expect(await readAll(['', '  \n'])).toEqual([]);
  });
});

describe('readJsonRecords on a JSON array', () => {
  const pretty = JSON.stringify(
    [
      { id: 'A', text: 'brackets ] } and "quotes" \\ inside' },
      { id: 'B', nested: [{ deep: [1, 2, { x: '}' }] }] },
    ],
    null,
    2,
  );

  it('reads each element with the line it starts on', async () => {
    const items = await readAll([pretty]);
    expect(items).toEqual([
      { kind: 'value', line: 2, value: { id: 'A', text: 'brackets ] } and "quotes" \\ inside' } },
      { kind: 'value', line: 6, value: { id: 'B', nested: [{ deep: [1, 2, { x: '}' }] }] } },
    ]);
  });

  it('reports an element that does not parse and reads the elements after it', async () => {
    const text = '[\n{"id":"A"},\n{"id":"B", },\n{"id":"C"}\n]';
    const items = await readAll([text]);
    expect(items.map((item) => item.kind)).toEqual(['value', 'unreadable', 'value']);
    expect(items[1]).toMatchObject({ line: 3, idHint: 'B' });
  });

  it('reports an array that ends before it is closed', async () => {
    const items = await readAll(['[{"id":"A"},{"id":"B"']);
    expect(items).toEqual([
      { kind: 'value', line: 1, value: { id: 'A' } },
      expect.objectContaining({
        kind: 'unreadable',
        idHint: 'B',
        reason: expect.stringContaining('not complete') as unknown,
      }),
    ]);
  });

  it('reports text after the closing bracket once', async () => {
    const items = await readAll(['[{"id":"A"}]\n{"id":"B"}\n{"id":"C"}']);
    expect(items).toEqual([
      { kind: 'value', line: 1, value: { id: 'A' } },
      expect.objectContaining({
        kind: 'unreadable',
        line: 2,
        reason: expect.stringContaining('after the end') as unknown,
      }),
    ]);
  });

  it('passes bare values in the array on as values, for the record reader to refuse', async () => {
    const items = await readAll(['[1, "two", null, {"id":"A"}]']);
    expect(items.map((item) => (item.kind === 'value' ? item.value : item.kind))).toEqual([
      1,
      'two',
      null,
      { id: 'A' },
    ]);
  });

  it('gives the same records for any array however it is cut into chunks', async () => {
    const record = fc.record({
      id: fc.string(),
      payload: fc.jsonValue({ maxDepth: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (records, indent, offsets) => {
          const text = JSON.stringify(records, null, indent ? 2 : undefined);
          const items = await readAll(cutAt(text, offsets));
          // JSON round trips turn -0 into 0; compare with what JSON.parse itself gives.
          expect(items.map((item) => (item.kind === 'value' ? item.value : item))).toEqual(
            JSON.parse(text) as unknown[],
          );
        },
      ),
      { seed: 20261122, numRuns: 200 },
    );
  });
});

describe('readJsonRecords on a single object', () => {
  it('reads a pretty-printed object as one record', async () => {
    const text = JSON.stringify({ id: 'A', affected: [{ package: { name: 'x' } }] }, null, 2);
    expect(await readAll(cutAt(text, [3, 17, 40]))).toEqual([
      { kind: 'value', line: 1, value: { id: 'A', affected: [{ package: { name: 'x' } }] } },
    ]);
  });

  it('reads pretty-printed objects one after another', async () => {
    const text = `${JSON.stringify({ id: 'A' }, null, 2)}\n${JSON.stringify({ id: 'B' }, null, 2)}\n`;
    const items = await readAll([text]);
    expect(items).toEqual([
      { kind: 'value', line: 1, value: { id: 'A' } },
      { kind: 'value', line: 4, value: { id: 'B' } },
    ]);
  });

  it('follows the layout the caller names', async () => {
    const text = '{"id":"A"}\n{"id":"B"}\n';
    expect(await readAll([text], 'json')).toHaveLength(2);
    const pretty = '{\n "id": "A"\n}\n';
    expect((await readAll([pretty], 'jsonl')).every((item) => item.kind === 'unreadable')).toBe(true);
  });
});
