import { readFile } from 'node:fs/promises';

/** An input file cannot be read or is not valid; the message names the file (and the field, when known). */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** Reads a file that must hold one JSON object; `formatHint` says where its format is documented. */
export async function readJsonObject(path: string, formatHint: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliInputError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliInputError(`${path} must hold one JSON object (see ${formatHint})`);
  }
  return parsed as Record<string, unknown>;
}
