// @ts-check
/**
 * Reports a relative import that reaches into another workspace unit's files (`../../store/src/x.js`):
 * units meet only through their package names, where the import fences and package.json can see them.
 */
import { relative, resolve, sep } from 'node:path';

/**
 * @param {string} repositoryRoot
 * @param {string} file
 * @returns {string | undefined} e.g. `packages/store`
 */
function unitOf(repositoryRoot, file) {
  const [area, name] = relative(repositoryRoot, file).split(sep);
  return (area === 'packages' || area === 'apps') && name !== undefined ? `${area}/${name}` : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noRelativePackages = {
  meta: {
    type: 'problem',
    docs: { description: "Disallow relative imports into another workspace unit's files." },
    schema: [],
    messages: {
      crossing:
        "'{{specifier}}' reaches into {{target}} from {{source}}: import its package (@carapace/…) instead.",
    },
  },
  create(context) {
    const repositoryRoot = context.cwd;
    const filename = resolve(context.filename);
    const source = unitOf(repositoryRoot, filename);
    /** @param {import('estree').ImportDeclaration | import('estree').ExportNamedDeclaration | import('estree').ExportAllDeclaration | import('estree').ImportExpression} node */
    function check(node) {
      const literal = node.source;
      const specifier =
        literal !== null && literal !== undefined && 'value' in literal ? literal.value : undefined;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = unitOf(repositoryRoot, resolve(filename, '..', specifier));
      if (target !== undefined && target !== source) {
        context.report({
          node,
          messageId: 'crossing',
          data: { specifier, target, source: source ?? 'the repository root' },
        });
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
