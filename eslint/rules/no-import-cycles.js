// @ts-check
/**
 * Reports a relative import that leads back, through other relative imports, to the importing file: a
 * cycle that makes module initialisation order matter and a unit impossible to read on its own.
 *
 * Cycles between workspace packages cannot happen while the dependency-direction table is acyclic (a test
 * checks that), so only relative imports are followed. Type-only imports are skipped: they vanish at run
 * time. Written here instead of using eslint-plugin-import-x because that plugin needs native resolver
 * binaries for every platform, which this project's package registry does not carry (ADR 0001).
 */
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** @type {Map<string, string[]>} file → files it imports at run time through relative specifiers */
const runtimeImports = new Map();

/**
 * @param {ts.Node} statement
 * @returns {string | undefined} the relative specifier of a value import or re-export
 */
function relativeRuntimeSpecifier(statement) {
  if (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly !== true) {
    const specifier = statement.moduleSpecifier;
    return ts.isStringLiteral(specifier) && specifier.text.startsWith('.') ? specifier.text : undefined;
  }
  if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier !== undefined) {
    const specifier = statement.moduleSpecifier;
    return ts.isStringLiteral(specifier) && specifier.text.startsWith('.') ? specifier.text : undefined;
  }
  return undefined;
}

/**
 * @param {string} specifier
 * @param {string} fromFile
 * @param {ts.CompilerOptions} options
 */
function resolveRelative(specifier, fromFile, options) {
  const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
  return resolved === undefined || resolved.resolvedFileName.endsWith('.d.ts')
    ? undefined
    : resolve(resolved.resolvedFileName);
}

/**
 * @param {string} file
 * @param {ts.CompilerOptions} options
 * @returns {string[]}
 */
function importsOf(file, options) {
  const cached = runtimeImports.get(file);
  if (cached !== undefined) return cached;
  const text = ts.sys.readFile(file) ?? '';
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  /** @type {string[]} */
  const targets = [];
  for (const statement of source.statements) {
    const specifier = relativeRuntimeSpecifier(statement);
    const target = specifier === undefined ? undefined : resolveRelative(specifier, file, options);
    if (target !== undefined) targets.push(target);
  }
  runtimeImports.set(file, targets);
  return targets;
}

/**
 * @param {string} start
 * @param {string} goal
 * @param {ts.CompilerOptions} options
 * @returns {string[] | undefined} the path start → … → goal, if there is one
 */
function pathBetween(start, goal, options) {
  /** @type {Set<string>} */
  const visited = new Set();
  /** @type {Array<{ file: string, path: string[] }>} */
  const stack = [{ file: start, path: [start] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    if (next.file === goal) return next.path;
    if (visited.has(next.file)) continue;
    visited.add(next.file);
    for (const target of importsOf(next.file, options)) {
      if (!visited.has(target)) stack.push({ file: target, path: [...next.path, target] });
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow relative imports that lead back to the importing file.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both sides need into a third module.' },
  },
  create(context) {
    const filename = resolve(context.filename);
    const services = context.sourceCode.parserServices;
    const program = services?.program;
    /** @type {ts.CompilerOptions} */
    const options =
      program === undefined || program === null
        ? { moduleResolution: ts.ModuleResolutionKind.NodeNext, module: ts.ModuleKind.NodeNext }
        : program.getCompilerOptions();
    // This file's own edges come fresh from the file being linted, which may differ from what is on disk.
    runtimeImports.delete(filename);
    const root = dirname(filename);
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration} node */
    function check(node) {
      const kind = /** @type {{ importKind?: string, exportKind?: string }} */ (node);
      if (kind.importKind === 'type' || kind.exportKind === 'type') return;
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolveRelative(specifier, filename, options);
      if (target === undefined) return;
      const path = pathBetween(target, filename, options);
      if (path === undefined) return;
      const cycle = [filename, ...path].map((file) => file.slice(root.length + 1) || file).join(' → ');
      context.report({ node, messageId: 'cycle', data: { cycle } });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
