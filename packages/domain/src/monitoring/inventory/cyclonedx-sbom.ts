import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { Ajv, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';

import type { InventoryComponent } from '../advisory.js';
import { assetComponentKey } from '../feeds/vendor-product-names.js';
import { InventoryRejectedError } from './inventory-rejected-error.js';
import { packageUrlIdentity } from './package-url-identity.js';

/**
 * A CycloneDX JSON SBOM (https://cyclonedx.org/specification/overview/, spec versions 1.2 to 1.6) to the
 * components of an insured's inventory. The document is checked three ways before anything is used:
 *
 * 1. `bomFormat` is CycloneDX and `specVersion` one we read;
 * 2. the strict JSON schema for that version that the CycloneDX library ships, compiled the way its
 *    `Validation.JsonStrictValidator` compiles it, except that `uniqueItems` is checked in one pass (see
 *    `schemaValidator`);
 * 3. our own checks on what the schema cannot say: every purl parses, no bom-ref appears twice.
 *
 * The first problem rejects the whole SBOM, naming the component (JSON path, bom-ref, name).
 */

export const CYCLONEDX_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const;
export type CycloneDxSpecVersion = (typeof CYCLONEDX_SPEC_VERSIONS)[number];

export interface CycloneDxTool {
  readonly vendor: string | undefined;
  readonly name: string;
  readonly version: string | undefined;
}

export interface CycloneDxMetadata {
  readonly serialNumber: string | undefined;
  readonly specVersion: CycloneDxSpecVersion;
  /** The document's `version`: 1 for the first issue of an SBOM, higher for each reissue. */
  readonly bomVersion: number | undefined;
  /** `metadata.timestamp` as written. */
  readonly timestamp: string | undefined;
  /** `metadata.component`: the software the SBOM describes. */
  readonly describedComponent: InventoryComponent | undefined;
  /** The tools that made the SBOM (`metadata.tools`, either the legacy list or the 1.5+ object form). */
  readonly tools: readonly CycloneDxTool[];
}

export interface CycloneDxInventory {
  readonly metadata: CycloneDxMetadata;
  /** Every component, nested ones included, depth first in document order. */
  readonly components: readonly InventoryComponent[];
}

interface CycloneDxComponentJson {
  readonly 'bom-ref'?: string | undefined;
  readonly group?: string | undefined;
  readonly name: string;
  readonly version?: string | undefined;
  readonly purl?: string | undefined;
  readonly publisher?: string | undefined;
  readonly supplier?: { readonly name?: string | undefined } | undefined;
  readonly components?: readonly CycloneDxComponentJson[] | undefined;
}

/** The parts we read, typed; the library's schema has checked the rest. */
const componentJson: z.ZodType<CycloneDxComponentJson> = z.looseObject({
  'bom-ref': z.string().optional(),
  group: z.string().optional(),
  name: z.string(),
  version: z.string().optional(),
  purl: z.string().optional(),
  publisher: z.string().optional(),
  supplier: z.looseObject({ name: z.string().optional() }).optional(),
  get components() {
    return z.array(componentJson).optional();
  },
});

const toolJson = z.looseObject({
  vendor: z.string().optional(),
  group: z.string().optional(),
  publisher: z.string().optional(),
  name: z.string().optional(),
  version: z.string().optional(),
});

const sbomJson = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.enum(CYCLONEDX_SPEC_VERSIONS),
  serialNumber: z.string().optional(),
  version: z.number().int().optional(),
  metadata: z
    .looseObject({
      timestamp: z.string().optional(),
      component: componentJson.optional(),
      tools: z
        .union([z.array(toolJson), z.looseObject({ components: z.array(toolJson).optional() })])
        .optional(),
    })
    .optional(),
  components: z.array(componentJson).optional(),
});

/**
 * The schema file the CycloneDX library ships for each version: the strict variant where there is one (1.2,
 * 1.3; from 1.4 on the plain schema is strict), as the library's `JsonStrictValidator` picks them.
 */
const STRICT_SCHEMA_FILE: Readonly<Record<CycloneDxSpecVersion, string>> = {
  '1.2': 'bom-1.2-strict.SNAPSHOT.schema.json',
  '1.3': 'bom-1.3-strict.SNAPSHOT.schema.json',
  '1.4': 'bom-1.4.SNAPSHOT.schema.json',
  '1.5': 'bom-1.5.SNAPSHOT.schema.json',
  '1.6': 'bom-1.6.SNAPSHOT.schema.json',
};

/** The schemas the CycloneDX schemas `$ref` by URI, each shipped beside them. */
const REFERENCED_SCHEMA_FILE: Readonly<Record<string, string>> = {
  'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': 'spdx.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json':
    'cryptography-defs.SNAPSHOT.schema.json',
  'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': 'jsf-0.82.SNAPSHOT.schema.json',
};

// The schemas are JSON files inside the library's package, loaded like modules (no file I/O of ours).
const requireFromHere = createRequire(import.meta.url);
const SCHEMA_FOLDER = join(
  dirname(requireFromHere.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
);

function librarySchema(file: string): Record<string, unknown> {
  return requireFromHere(join(SCHEMA_FOLDER, file)) as Record<string, unknown>;
}

// ajv-formats is CommonJS with `exports.default` beside `module.exports`; ajv-formats-draft2019 has no types.
const addFormats = addFormatsModule.default;
const addDraft2019Formats = requireFromHere('ajv-formats-draft2019') as (
  ajv: Ajv,
  options: { formats: readonly string[] },
) => Ajv;

/**
 * A JSON value as canonical text: object keys sorted, no spaces. Two parsed JSON values have the same text
 * exactly when they are deep-equal the way JSON Schema (and Ajv's `uniqueItems`) compares them.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `uniqueItems` in one pass over a Set of canonical JSON texts. Ajv's own check compares every pair of object
 * items with a deep equal, which made a 10,000-component SBOM take half a minute (`components`,
 * `dependencies` and the rest all carry `uniqueItems: true`). The error points at the later copy, so the
 * reader names that component and the earlier one.
 */
const uniqueItems: SchemaValidateFunction = (required: unknown, data: unknown, _parent, dataCxt) => {
  if (required !== true || !Array.isArray(data)) return true;
  const firstIndexOf = new Map<string, number>();
  for (let index = 0; index < data.length; index += 1) {
    const text = canonicalJson(data[index]);
    const earlier = firstIndexOf.get(text);
    if (earlier === undefined) {
      firstIndexOf.set(text, index);
      continue;
    }
    const arrayPointer = dataCxt?.instancePath ?? '';
    uniqueItems.errors = [
      {
        keyword: 'uniqueItems',
        instancePath: `${arrayPointer}/${String(index)}`,
        params: { i: index, j: earlier },
        message: `is identical to ${jsonPathOf(`${arrayPointer}/${String(earlier)}`)} (must NOT have duplicate items)`,
      },
    ];
    return false;
  }
  return true;
};

/**
 * An Ajv with the CycloneDX library's options and formats (see its `_optPlug.node/__jsonValidators/ajv`):
 * no defaults, not strict about the schema, no remote schemas, all of ajv-formats, `idn-email` from
 * ajv-formats-draft2019 and any `iri-reference`; plus our linear `uniqueItems` in place of Ajv's.
 */
function cycloneDxAjv(): Ajv {
  const schemas = Object.fromEntries(
    Object.entries(REFERENCED_SCHEMA_FILE).map(([uri, file]) => [uri, librarySchema(file)]),
  );
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    loadSchema: (uri) => Promise.reject(new Error(`Remote schemas are disabled: ${uri}`)),
    schemas,
  });
  addFormats(ajv);
  addDraft2019Formats(ajv, { formats: ['idn-email'] });
  ajv.addFormat('iri-reference', true);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: uniqueItems,
  });
  return ajv;
}

let ajvInstance: Ajv | undefined;
const validators = new Map<CycloneDxSpecVersion, ValidateFunction>();

/** The strict schema validator for a version, compiled once: compiling a schema takes a while. */
function schemaValidator(version: CycloneDxSpecVersion): ValidateFunction {
  let validator = validators.get(version);
  if (validator === undefined) {
    ajvInstance ??= cycloneDxAjv();
    validator = ajvInstance.compile(librarySchema(STRICT_SCHEMA_FILE[version]));
    validators.set(version, validator);
  }
  return validator;
}

/** The errors of the strict schema, or null when the document matches it. */
function schemaErrors(version: CycloneDxSpecVersion, document: unknown): readonly ErrorObject[] | null {
  const validator = schemaValidator(version);
  return validator(document) ? null : (validator.errors ?? []);
}

/** A JSON value as it appears in an error message; `nothing` when absent. */
function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** `/components/3/components/0/purl` → `components[3].components[0].purl`. */
function jsonPathOf(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path.length === 0 ? segment : `.${segment}`;
  }
  return path.length === 0 ? '(document)' : path;
}

/** "components[3] (bom-ref 'x', name 'y')": how a component is named in an error. */
function describeComponent(path: string, component: unknown): string {
  if (typeof component !== 'object' || component === null) return path;
  const parts: string[] = [];
  const bomRef = (component as Record<string, unknown>)['bom-ref'];
  const name = (component as Record<string, unknown>).name;
  if (typeof bomRef === 'string') parts.push(`bom-ref '${bomRef}'`);
  if (typeof name === 'string') parts.push(`name '${name}'`);
  return parts.length === 0 ? path : `${path} (${parts.join(', ')})`;
}

/** The innermost component a JSON pointer reaches into, with its path, to name it in an error. */
function componentAt(document: unknown, pointer: string): { path: string; component: unknown } | undefined {
  const segments = pointer.split('/').slice(1);
  let node: unknown = document;
  let path = '';
  let found: { path: string; component: unknown } | undefined;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] ?? '';
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<string, unknown>)[segment];
    path += /^\d+$/.test(segment) ? `[${segment}]` : path.length === 0 ? segment : `.${segment}`;
    const previous = segments[index - 1];
    if ((previous === 'components' || previous === 'component') && /^\d+$/.test(segment)) {
      found = { path, component: node };
    } else if (segment === 'component' && previous === 'metadata') {
      found = { path, component: node };
    }
  }
  return found;
}

interface AjvError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

function schemaProblem(document: unknown, errors: unknown): InventoryRejectedError {
  const list: readonly AjvError[] = Array.isArray(errors) ? (errors as AjvError[]) : [];
  const first = list[0];
  if (first === undefined)
    return new InventoryRejectedError('sbom', undefined, 'does not match the CycloneDX schema');
  const pointer = first.instancePath ?? '';
  const extra = first.params?.additionalProperty;
  const detail = `${first.message ?? 'does not match the schema'}${typeof extra === 'string' ? ` ('${extra}')` : ''}`;
  const more = list.length > 1 ? ` (and ${String(list.length - 1)} more schema problems)` : '';
  const component = componentAt(document, pointer);
  const field = jsonPathOf(pointer);
  if (component === undefined) return new InventoryRejectedError('sbom', field, `${detail}${more}`);
  return new InventoryRejectedError(
    'sbom',
    field,
    `in ${describeComponent(component.path, component.component)}: ${detail}${more}`,
  );
}

function inventoryComponent(component: CycloneDxComponentJson, path: string): InventoryComponent {
  const purlText = component.purl?.trim();
  if (purlText !== undefined && purlText.length > 0) {
    let identity;
    try {
      identity = packageUrlIdentity(purlText);
    } catch (error) {
      throw new InventoryRejectedError(
        'sbom',
        `${path}.purl`,
        `${describeComponent(path, component)}: purl '${purlText}' does not parse: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const groupedName =
      component.group === undefined ? component.name : `${component.group}/${component.name}`;
    return {
      componentKey: identity.componentKey,
      name: identity.packageName ?? groupedName,
      version: component.version ?? identity.version,
      purl: purlText,
      ecosystem: identity.ecosystem,
      packageName: identity.packageName,
      vendor: undefined,
      product: undefined,
      bomRef: component['bom-ref'],
    };
  }
  // No purl: the component can still meet KEV by vendor and product name, like a plain asset.
  const vendor = component.supplier?.name ?? component.publisher ?? component.group;
  return {
    componentKey: assetComponentKey(vendor ?? '', component.name),
    name: component.name,
    version: component.version,
    purl: undefined,
    ecosystem: undefined,
    packageName: undefined,
    vendor,
    product: component.name,
    bomRef: component['bom-ref'],
  };
}

type ToolsJson = NonNullable<z.infer<typeof sbomJson>['metadata']>['tools'];

function toolsOf(tools: ToolsJson): CycloneDxTool[] {
  const list = tools === undefined ? [] : Array.isArray(tools) ? tools : (tools.components ?? []);
  return list
    .filter((tool) => tool.name !== undefined)
    .map((tool) => ({
      vendor: tool.vendor ?? tool.group ?? tool.publisher,
      name: tool.name ?? '',
      version: tool.version,
    }));
}

/**
 * Reads a CycloneDX JSON SBOM. The work is synchronous; the promise is kept so callers need not change if
 * reading ever moves off the thread.
 * @throws InventoryRejectedError (as a rejection) naming the first problem: not JSON, not CycloneDX, a spec
 * version outside 1.2–1.6, a schema violation (an item repeated in a `uniqueItems` array included), a purl
 * that does not parse, or a bom-ref used twice.
 */
export function readCycloneDxSbom(text: string): Promise<CycloneDxInventory> {
  return new Promise((resolve) => {
    resolve(readSbomText(text));
  });
}

function readSbomText(text: string): CycloneDxInventory {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InventoryRejectedError(
      'sbom',
      undefined,
      `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InventoryRejectedError('sbom', undefined, 'the document is not a JSON object');
  }
  const header = document as Record<string, unknown>;
  if (header.bomFormat !== 'CycloneDX') {
    throw new InventoryRejectedError(
      'sbom',
      'bomFormat',
      `expected 'CycloneDX', found ${shown(header.bomFormat)}`,
    );
  }
  const specVersion = CYCLONEDX_SPEC_VERSIONS.find((version) => version === header.specVersion);
  if (specVersion === undefined) {
    throw new InventoryRejectedError(
      'sbom',
      'specVersion',
      `${shown(header.specVersion)} is not a CycloneDX version we read (${CYCLONEDX_SPEC_VERSIONS.join(', ')})`,
    );
  }
  const problems = schemaErrors(specVersion, document);
  if (problems !== null) throw schemaProblem(document, problems);

  const parsed = sbomJson.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const pointer = `/${(issue?.path ?? []).map(String).join('/')}`;
    throw schemaProblem(document, [{ instancePath: pointer, message: issue?.message }]);
  }
  const sbom = parsed.data;

  const components: InventoryComponent[] = [];
  const pathOfBomRef = new Map<string, string>();
  const visit = (component: CycloneDxComponentJson, path: string): InventoryComponent => {
    const bomRef = component['bom-ref'];
    if (bomRef !== undefined) {
      const earlier = pathOfBomRef.get(bomRef);
      if (earlier !== undefined) {
        throw new InventoryRejectedError(
          'sbom',
          `${path}.bom-ref`,
          `${describeComponent(path, component)}: bom-ref already used by ${earlier}`,
        );
      }
      pathOfBomRef.set(bomRef, path);
    }
    return inventoryComponent(component, path);
  };
  const walk = (list: readonly CycloneDxComponentJson[], prefix: string): void => {
    list.forEach((component, index) => {
      const path = `${prefix}[${String(index)}]`;
      components.push(visit(component, path));
      if (component.components !== undefined) walk(component.components, `${path}.components`);
    });
  };
  const described = sbom.metadata?.component;
  const describedComponent = described === undefined ? undefined : visit(described, 'metadata.component');
  walk(sbom.components ?? [], 'components');

  return {
    metadata: {
      serialNumber: sbom.serialNumber,
      specVersion,
      bomVersion: sbom.version,
      timestamp: sbom.metadata?.timestamp,
      describedComponent,
      tools: toolsOf(sbom.metadata?.tools),
    },
    components,
  };
}
