import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carapacePlugin } from '../eslint/local-plugin.js';

const root = join(import.meta.dirname, '..');

function linter(cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { carapace: carapacePlugin },
        rules: { 'carapace/no-import-cycles': 'error', 'carapace/no-relative-packages': 'error' },
      },
    ],
  });
}

describe('carapace/no-import-cycles', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'carapace-cycle-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function messagesFor(files: Record<string, string>, linted: string): Promise<string[]> {
    for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
    const [result] = await linter(directory).lintFiles([join(directory, linted)]);
    return (result?.messages ?? []).map((message) => message.message);
  }

  it('reports a cycle through another file, naming the path', async () => {
    const messages = await messagesFor(
      {
        'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'b.ts': "import { c } from './c.js';\nexport const b = () => c;\n",
        'c.ts': "import { a } from './a.js';\nexport const c = () => a;\n",
      },
      'a.ts',
    );
    expect(messages).toEqual([
      'Import cycle: a.ts → b.ts → c.ts → a.ts. Move what both sides need into a third module.',
    ]);
  });

  it('ignores type-only imports, which vanish at run time', async () => {
    const messages = await messagesFor(
      {
        'a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
        'b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
      },
      'a.ts',
    );
    expect(messages).toEqual([]);
  });

  it('accepts an acyclic chain', async () => {
    const messages = await messagesFor(
      { 'a.ts': "export { b } from './b.js';\n", 'b.ts': 'export const b = 1;\n' },
      'a.ts',
    );
    expect(messages).toEqual([]);
  });
});

describe('carapace/no-relative-packages', () => {
  it("reports a relative import into another unit's files", async () => {
    const [result] = await linter(root).lintText(
      "import { openDatabase } from '../../store/src/index.js';\nexport const probe = openDatabase;\n",
      { filePath: join(root, 'packages/domain/src/probe.ts') },
    );
    expect(result?.messages.map((message) => message.message)).toEqual([
      "'../../store/src/index.js' reaches into packages/store from packages/domain: import its package (@carapace/…) instead.",
    ]);
  });

  it('accepts relative imports within a unit', async () => {
    const [result] = await linter(root).lintText(
      "import { money } from '../shared/money.js';\nexport const probe = money;\n",
      {
        filePath: join(root, 'packages/domain/src/organisations/probe.ts'),
      },
    );
    expect(result?.messages).toEqual([]);
  });
});
