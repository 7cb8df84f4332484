// @ts-check
import { noImportCycles } from './rules/no-import-cycles.js';
import { noRelativePackages } from './rules/no-relative-packages.js';

/** Carapace's own lint rules (see each rule's file for why it exists). */
export const carapacePlugin = {
  meta: { name: 'carapace' },
  rules: { 'no-import-cycles': noImportCycles, 'no-relative-packages': noRelativePackages },
};
