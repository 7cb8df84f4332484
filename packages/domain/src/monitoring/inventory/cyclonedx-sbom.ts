import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
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
 * 2. the CycloneDX library's strict JSON schema for that version (`Validation.JsonStrictValidator`);
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

const LIBRARY_SPEC_VERSION: Readonly<Record<CycloneDxSpecVersion, Spec.Version>> = {
  '1.2': Spec.Version.v1dot2,
  '1.3': Spec.Version.v1dot3,
  '1.4': Spec.Version.v1dot4,
  '1.5': Spec.Version.v1dot5,
  '1.6': Spec.Version.v1dot6,
};

const validators = new Map<CycloneDxSpecVersion, Validation.JsonStrictValidator>();

/** The library's strict validator for a version, kept for reuse: compiling a schema takes a while. */
function strictValidator(version: CycloneDxSpecVersion): Validation.JsonStrictValidator {
  let validator = validators.get(version);
  if (validator === undefined) {
    validator = new Validation.JsonStrictValidator(LIBRARY_SPEC_VERSION[version]);
    validators.set(version, validator);
  }
  return validator;
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
 * Reads a CycloneDX JSON SBOM.
 * @throws InventoryRejectedError naming the first problem: not JSON, not CycloneDX, a spec version
 * outside 1.2–1.6, a schema violation, a purl that does not parse, or a bom-ref used twice.
 */
export async function readCycloneDxSbom(text: string): Promise<CycloneDxInventory> {
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
  const schemaErrors: unknown = await strictValidator(specVersion).validate(text);
  if (schemaErrors !== null) throw schemaProblem(document, schemaErrors);

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
