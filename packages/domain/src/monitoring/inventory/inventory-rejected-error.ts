/**
 * An inventory (an uploaded SBOM or asset list) that cannot be used as a whole. Inventories are all or
 * nothing: matching half an SBOM would report a clean bill of health for the half that was dropped. The
 * message is one line naming the bad part (its JSON path or line, and for an SBOM component its bom-ref and
 * name) and what is wrong with it.
 */
export class InventoryRejectedError extends Error {
  override readonly name = 'InventoryRejectedError';

  constructor(
    readonly inventoryKind: 'sbom' | 'asset_list',
    /** Where: a JSON path (`components[3].purl`), `line 4`, or undefined for the whole document. */
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    const what = inventoryKind === 'sbom' ? 'SBOM rejected' : 'asset list rejected';
    super(`${what}: ${field === undefined ? '' : `${field}: `}${oneLine(problem)}`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
