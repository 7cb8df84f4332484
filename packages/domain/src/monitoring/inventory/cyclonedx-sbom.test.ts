import { describe, expect, it } from 'vitest';

import type { InventoryComponent } from '../advisory.js';
import { readSharedText } from '../feeds/testing/shared-data.js';
import { readCycloneDxSbom } from './cyclonedx-sbom.js';
import { InventoryRejectedError } from './inventory-rejected-error.js';

const JUICE_SHOP = 'sboms/juice-shop-16.0.0.cdx.json';
const DEPENDENCY_TRACK = 'sboms/dependency-track-apiserver-4.5.0.cdx.json';

type Json = Record<string, unknown>;

function juiceShop(): Json {
  return JSON.parse(readSharedText(JUICE_SHOP)) as Json;
}

function componentsOf(node: Json): Json[] {
  return node.components as Json[];
}

function countBy(components: readonly InventoryComponent[], key: (component: InventoryComponent) => string) {
  const counts: Record<string, number> = {};
  for (const component of components) counts[key(component)] = (counts[key(component)] ?? 0) + 1;
  return counts;
}

async function rejection(document: unknown): Promise<InventoryRejectedError> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  try {
    await readCycloneDxSbom(text);
  } catch (error) {
    if (error instanceof InventoryRejectedError) return error;
    throw error;
  }
  throw new Error('the SBOM was accepted');
}

describe('readCycloneDxSbom on the real SBOMs', () => {
  it('reads Juice Shop 16.0.0: 795 top-level and 284 nested npm components, all with purls', async () => {
    const { metadata, components } = await readCycloneDxSbom(readSharedText(JUICE_SHOP));
    expect(components).toHaveLength(1079);
    expect(countBy(components, (component) => String(component.ecosystem))).toEqual({ npm: 1079 });
    expect(components.filter((component) => component.purl !== undefined)).toHaveLength(1079);
    // Nested copies of the same package in other versions share a key: 832 packages, 975 package versions.
    expect(new Set(components.map((component) => component.componentKey)).size).toBe(832);
    expect(
      new Set(components.map((component) => `${component.componentKey}@${String(component.version)}`)).size,
    ).toBe(975);
    expect(components.filter((component) => component.packageName?.startsWith('@'))).toHaveLength(61);
    expect(components[0]).toEqual({
      componentKey: 'pkg:npm/body-parser',
      name: 'body-parser',
      version: '1.20.2',
      purl: 'pkg:npm/body-parser@1.20.2',
      ecosystem: 'npm',
      packageName: 'body-parser',
      vendor: undefined,
      product: undefined,
      bomRef: 'body-parser@1.20.2',
    });
    // Depth first: body-parser's own nested debug@2.6.9 comes right after it.
    expect(components[1]).toMatchObject({
      packageName: 'debug',
      version: '2.6.9',
      bomRef: 'body-parser@1.20.2|debug@2.6.9',
    });
    expect(metadata).toEqual({
      serialNumber: 'urn:uuid:20918360-65c3-42f7-8ef7-be12cd2ca47d',
      specVersion: '1.4',
      bomVersion: 1,
      timestamp: '2023-12-19T13:21:21.645Z',
      describedComponent: expect.objectContaining({
        componentKey: 'pkg:npm/juice-shop',
        packageName: 'juice-shop',
        version: '16.0.0',
      }) as unknown,
      tools: [
        { vendor: undefined, name: 'npm', version: '10.2.4' },
        { vendor: '@cyclonedx', name: 'cyclonedx-npm', version: '1.16.0' },
        { vendor: '@cyclonedx', name: 'cyclonedx-library', version: '6.3.1' },
      ],
    });
  });

  it('reads Dependency-Track 4.5.0: 132 Maven components named group:artifact', async () => {
    const { metadata, components } = await readCycloneDxSbom(readSharedText(DEPENDENCY_TRACK));
    expect(components).toHaveLength(132);
    expect(countBy(components, (component) => String(component.ecosystem))).toEqual({ Maven: 132 });
    expect(new Set(components.map((component) => component.componentKey)).size).toBe(132);
    expect(components.every((component) => /^[^:/]+:[^:/]+$/.test(component.packageName ?? ''))).toBe(true);
    expect(components[0]).toMatchObject({
      componentKey: 'pkg:maven/us.springett/alpine-common',
      name: 'us.springett:alpine-common',
      packageName: 'us.springett:alpine-common',
      version: '2.0.0',
      purl: 'pkg:maven/us.springett/alpine-common@2.0.0?type=jar',
    });
    expect(metadata).toMatchObject({
      serialNumber: 'urn:uuid:f400d0d1-3373-48e2-8dbe-2c67db867d7b',
      specVersion: '1.4',
      describedComponent: { packageName: 'org.dependencytrack:dependency-track', version: '4.5.0' },
      tools: [{ vendor: 'OWASP Foundation', name: 'CycloneDX Maven plugin', version: '2.6.2' }],
    });
  });
});

describe('readCycloneDxSbom on broken SBOMs', () => {
  it('rejects the whole SBOM for one bad purl on a nested component, naming it', async () => {
    const document = juiceShop();
    componentsOf(componentsOf(document)[0]!)[1]!.purl = 'npm/ms@2.0.0';
    const error = await rejection(document);
    expect(error.field).toBe('components[0].components[1].purl');
    expect(error.message).toBe(
      "SBOM rejected: components[0].components[1].purl: components[0].components[1] (bom-ref 'body-parser@1.20.2|ms@2.0.0', name 'ms'): " +
        'purl \'npm/ms@2.0.0\' does not parse: Invalid purl: missing required "pkg" scheme component',
    );
  });

  it('rejects a component the schema refuses, naming the component', async () => {
    const document = juiceShop();
    delete componentsOf(componentsOf(document)[0]!)[0]!.type;
    const error = await rejection(document);
    expect(error.field).toBe('components[0].components[0]');
    expect(error.message).toMatch(
      /^SBOM rejected: components\[0\]\.components\[0\]: in components\[0\]\.components\[0\] \(bom-ref 'body-parser@1\.20\.2\|debug@2\.6\.9', name 'debug'\): must have required property 'type'/,
    );
  });

  it('rejects a property the strict schema does not allow', async () => {
    const document = juiceShop();
    componentsOf(document)[3]!.colour = 'blue';
    const error = await rejection(document);
    expect(error.message).toMatch(
      /^SBOM rejected: components\[3\]: in components\[3\] \(bom-ref '[^']+', name '[^']+'\): must NOT have additional properties \('colour'\)/,
    );
  });

  it('rejects a bom-ref used twice, naming both components', async () => {
    const document = juiceShop();
    componentsOf(document)[2]!['bom-ref'] = 'body-parser@1.20.2';
    const error = await rejection(document);
    expect(error.field).toBe('components[2].bom-ref');
    expect(error.message).toMatch(
      /components\[2\] \(bom-ref 'body-parser@1\.20\.2', name '[^']+'\): bom-ref already used by components\[0\]$/,
    );
  });

  it('rejects a component listed twice, naming the copy and the original', async () => {
    const document = juiceShop();
    const components = componentsOf(document);
    const original = components[2]!;
    // The same component with its keys in another order is still the same JSON value.
    components.push(Object.fromEntries(Object.entries(original).reverse()));
    const error = await rejection(document);
    expect(error.field).toBe('components[795]');
    expect(error.message).toBe(
      "SBOM rejected: components[795]: in components[795] (bom-ref 'content-type@1.0.5', name 'content-type'): " +
        'is identical to components[2] (must NOT have duplicate items)',
    );
  });

  it('rejects a nested component listed twice, naming it', async () => {
    const document = juiceShop();
    const nested = componentsOf(componentsOf(document)[0]!);
    nested.splice(1, 0, structuredClone(nested[0]!));
    const error = await rejection(document);
    expect(error.field).toBe('components[0].components[1]');
    expect(error.message).toMatch(
      /^SBOM rejected: components\[0\]\.components\[1\]: in components\[0\]\.components\[1\] \(bom-ref 'body-parser@1\.20\.2\|debug@2\.6\.9', name 'debug'\): is identical to components\[0\]\.components\[0\] \(must NOT have duplicate items\)$/,
    );
  });

  it('rejects a dependency entry listed twice', async () => {
    const document = juiceShop();
    const dependencies = document.dependencies as Json[];
    dependencies.push(structuredClone(dependencies[7]!));
    const error = await rejection(document);
    expect(error.field).toBe('dependencies[1080]');
    expect(error.message).toBe(
      'SBOM rejected: dependencies[1080]: is identical to dependencies[7] (must NOT have duplicate items)',
    );
  });

  it.each([
    ['text that is not JSON', '{"bomFormat": "CycloneDX",', /^SBOM rejected: not JSON: /],
    ['a JSON array', '[]', /^SBOM rejected: the document is not a JSON object$/],
    [
      'another format',
      { bomFormat: 'SPDX', specVersion: '1.4' },
      /^SBOM rejected: bomFormat: expected 'CycloneDX', found "SPDX"$/,
    ],
    [
      'spec 1.1',
      { bomFormat: 'CycloneDX', specVersion: '1.1' },
      /^SBOM rejected: specVersion: "1\.1" is not a CycloneDX version we read \(1\.2, 1\.3, 1\.4, 1\.5, 1\.6\)$/,
    ],
    [
      'no spec version',
      { bomFormat: 'CycloneDX' },
      /^SBOM rejected: specVersion: nothing is not a CycloneDX version/,
    ],
    [
      'a malformed serial number',
      { bomFormat: 'CycloneDX', specVersion: '1.4', serialNumber: 'abc' },
      /^SBOM rejected: serialNumber: must match pattern/,
    ],
  ])('rejects %s', async (_, document, message) => {
    expect((await rejection(document)).message).toMatch(message);
  });
});

describe('readCycloneDxSbom across spec versions and purl types', () => {
  const serialNumber = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';

  it('reads a 1.2 SBOM', async () => {
    const { components, metadata } = await readCycloneDxSbom(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.2',
        serialNumber,
        version: 1,
        metadata: { tools: [{ vendor: 'Acme', name: 'scanner', version: '0.1' }] },
        components: [
          { type: 'library', name: 'requests', version: '2.31.0', purl: 'pkg:pypi/Requests@2.31.0' },
        ],
      }),
    );
    expect(metadata.tools).toEqual([{ vendor: 'Acme', name: 'scanner', version: '0.1' }]);
    expect(components).toEqual([
      {
        componentKey: 'pkg:pypi/requests',
        name: 'requests',
        version: '2.31.0',
        purl: 'pkg:pypi/Requests@2.31.0',
        ecosystem: 'PyPI',
        packageName: 'requests',
        vendor: undefined,
        product: undefined,
        bomRef: undefined,
      },
    ]);
  });

  it('reads a 1.5 SBOM with the tools object, Go, cargo and other purl types, and a component without a purl', async () => {
    const { components, metadata } = await readCycloneDxSbom(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        serialNumber,
        version: 3,
        metadata: {
          timestamp: '2026-11-01T00:00:00Z',
          tools: { components: [{ type: 'application', group: 'anchore', name: 'syft', version: '1.0.0' }] },
        },
        components: [
          {
            type: 'library',
            name: 'gin',
            purl: 'pkg:golang/github.com/gin-gonic/gin@v1.9.1',
            'bom-ref': 'gin',
          },
          { type: 'library', name: 'abi_stable', version: '0.9.0', purl: 'pkg:cargo/abi_stable@0.9.0' },
          {
            type: 'library',
            name: 'Newtonsoft.Json',
            version: '13.0.1',
            purl: 'pkg:nuget/Newtonsoft.Json@13.0.1',
          },
          { type: 'firmware', name: 'FortiOS', version: '7.2.4', supplier: { name: 'Fortinet, Inc.' } },
        ],
      }),
    );
    expect(metadata).toMatchObject({
      specVersion: '1.5',
      bomVersion: 3,
      tools: [{ vendor: 'anchore', name: 'syft' }],
    });
    expect(
      components.map((component) => [
        component.componentKey,
        component.ecosystem,
        component.packageName,
        component.version,
      ]),
    ).toEqual([
      ['pkg:golang/github.com/gin-gonic/gin', 'Go', 'github.com/gin-gonic/gin', 'v1.9.1'],
      ['pkg:cargo/abi_stable', 'crates.io', 'abi_stable', '0.9.0'],
      ['pkg:nuget/Newtonsoft.Json', undefined, undefined, '13.0.1'],
      ['asset:fortinet/fortios', undefined, undefined, '7.2.4'],
    ]);
    expect(components[3]).toMatchObject({ vendor: 'Fortinet, Inc.', product: 'FortiOS', purl: undefined });
  });

  it('reads a 1.6 SBOM and keeps the key of a package from one SBOM version to the next', async () => {
    const sbom = (version: number, lodash: string) =>
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        serialNumber,
        version,
        components: [
          { type: 'library', name: 'lodash', version: lodash, purl: `pkg:npm/lodash@${lodash}?vcs_url=x` },
        ],
      });
    const first = await readCycloneDxSbom(sbom(1, '4.17.20'));
    const second = await readCycloneDxSbom(sbom(2, '4.17.21'));
    expect(first.components[0]?.componentKey).toBe('pkg:npm/lodash');
    expect(second.components[0]?.componentKey).toBe(first.components[0]?.componentKey);
    expect(second.components[0]?.version).toBe('4.17.21');
  });
});

describe('readCycloneDxSbom on a large SBOM', () => {
  it('reads 10,000 unique npm components with their dependency graph', async () => {
    const refOf = (index: number) => `pkg-${String(index)}@1.${String(index % 7)}.${String(index % 13)}`;
    const components = Array.from({ length: 10_000 }, (_, index) => ({
      type: 'library',
      'bom-ref': refOf(index),
      name: `pkg-${String(index)}`,
      version: refOf(index).split('@')[1],
      purl: `pkg:npm/${refOf(index)}`,
      licenses: [{ license: { id: 'MIT' } }],
    }));
    const dependencies = components.map((_, index) => ({
      ref: refOf(index),
      dependsOn: index === 0 ? [] : [refOf(index - 1)],
    }));
    const { components: read } = await readCycloneDxSbom(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.4',
        serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
        version: 1,
        components,
        dependencies,
      }),
    );
    expect(read).toHaveLength(10_000);
    expect(new Set(read.map((component) => component.componentKey)).size).toBe(10_000);
    expect(read[9_999]).toMatchObject({
      componentKey: 'pkg:npm/pkg-9999',
      ecosystem: 'npm',
      version: '1.3.2',
      bomRef: 'pkg-9999@1.3.2',
    });
  });
});
