import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import direction from '../eslint/dependency-direction.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** The dependency direction of ARCHITECTURE.md, the same table the lint fences are generated from. */
const UNITS = direction.units as Record<string, { path: string; mayImport: string[] }>;

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function manifest(workspace: string): Manifest {
  return JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as Manifest;
}

describe('package dependencies follow the dependency direction', () => {
  it.each(Object.entries(UNITS))('%s depends only on the units below it', (unit, { path, mayImport }) => {
    const { name, dependencies = {}, devDependencies = {} } = manifest(path);
    expect(name).toBe(unit);
    const ours = Object.keys({ ...dependencies, ...devDependencies }).filter((dependency) =>
      dependency.startsWith('@carapace/'),
    );
    expect(ours.filter((dependency) => !mayImport.includes(dependency))).toEqual([]);
  });

  it('is acyclic, so no two units can import each other even indirectly', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (unit: string, path: string[]): void => {
      if (done.has(unit)) return;
      expect(visiting.has(unit), `cycle: ${[...path, unit].join(' → ')}`).toBe(false);
      visiting.add(unit);
      for (const next of UNITS[unit]?.mayImport ?? []) visit(next, [...path, unit]);
      visiting.delete(unit);
      done.add(unit);
    };
    for (const unit of Object.keys(UNITS)) visit(unit, []);
  });

  it('covers every workspace of the monorepo', () => {
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    expect(
      Object.values(UNITS)
        .map((unit) => unit.path)
        .sort(),
    ).toEqual([...rootManifest.workspaces].sort());
  });
});

describe('import fences', () => {
  const eslint = new ESLint({ cwd: root });

  /**
   * Lints a would-be source file with the fence rule exactly as the project configures it for that path.
   * The file does not exist, so type-aware rules cannot run on it; the fence rule does not need them.
   */
  async function fenceMessages(filePath: string, source: string): Promise<string[]> {
    const config = (await eslint.calculateConfigForFile(join(root, filePath))) as Linter.Config;
    const fenceRule = config.rules?.['no-restricted-imports'];
    expect(fenceRule, `no import fence applies to ${filePath}`).toBeDefined();
    const probe = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.tsx'],
          languageOptions: { parser: tseslint.parser },
          rules: { 'no-restricted-imports': fenceRule ?? 'off' },
        },
      ],
    });
    const [result] = await probe.lintText(source, { filePath: join(root, filePath) });
    return (result?.messages ?? []).map((message) => message.message);
  }

  it('refuses domain → store with the reason', async () => {
    const messages = await fenceMessages(
      'packages/domain/src/fence-probe.ts',
      "import { openDatabase } from '@carapace/store';\nexport const probe = openDatabase;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('domain may import only engine and security');
  });

  it('refuses node I/O in the domain and the engine', async () => {
    const domain = await fenceMessages(
      'packages/domain/src/fence-probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    );
    expect(domain[0]).toContain('domain does no I/O');
    const engine = await fenceMessages(
      'packages/engine/src/fence-probe.ts',
      "import { createServer } from 'node:http';\nexport const probe = createServer;\n",
    );
    expect(engine[0]).toContain('engine does no I/O');
  });

  it('refuses server packages in the browser code and in contracts', async () => {
    const web = await fenceMessages(
      'apps/web/src/fence-probe.tsx',
      "import { registerOrganisation } from '@carapace/domain';\nexport const probe = registerOrganisation;\n",
    );
    expect(web[0]).toContain('web runs in the browser');
    const contracts = await fenceMessages(
      'packages/contracts/src/fence-probe.ts',
      "import pg from 'pg';\nexport const probe = pg;\n",
    );
    expect(contracts[0]).toContain('contracts run in the browser too');
  });

  it('refuses the reverse arrow api → cli', async () => {
    const messages = await fenceMessages(
      'apps/api/src/fence-probe.ts',
      "import { runCli } from '@carapace/cli';\nexport const probe = runCli;\n",
    );
    expect(messages[0]).toContain('cli imports api (serve), never the other way round');
  });

  it('keeps SQL in the store', async () => {
    const messages = await fenceMessages(
      'apps/api/src/fence-probe.ts',
      "import { sql } from 'kysely';\nexport const probe = sql;\n",
    );
    expect(messages[0]).toContain('SQL lives in packages/store only');
  });

  it('lets allowed imports through', async () => {
    expect(
      await fenceMessages(
        'packages/store/src/fence-probe.ts',
        "import { money } from '@carapace/domain';\nexport const probe = money;\n",
      ),
    ).toEqual([]);
    expect(
      await fenceMessages(
        'packages/domain/src/fence-probe.ts',
        "import { Redacted } from '@carapace/security';\nexport const probe = Redacted;\n",
      ),
    ).toEqual([]);
  });
});
