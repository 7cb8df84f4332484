import type { OpenAPIHono } from '@hono/zod-openapi';
import { PROBLEM_CATALOGUE } from '../http/problem-catalogue.js';

/**
 * A self-contained, readable API reference rendered on the server from the OpenAPI document: no CDN,
 * no script, so it works on an air-gapped install and in any browser.
 */
type OpenAPIObject = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function schemaSummary(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '';
  const record = schema as Record<string, unknown>;
  if (typeof record['$ref'] === 'string') {
    const name = record['$ref'].split('/').pop() ?? '';
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (record['type'] === 'array') return `array of ${schemaSummary(record['items'])}`;
  if (Array.isArray(record['enum']))
    return record['enum'].map((value) => `<code>${escapeHtml(String(value))}</code>`).join(' | ');
  const type = Array.isArray(record['type'])
    ? record['type'].join(' | ')
    : typeof record['type'] === 'string'
      ? record['type']
      : 'object';
  const format = typeof record['format'] === 'string' ? ` (${record['format']})` : '';
  if (Array.isArray(record['anyOf'])) return record['anyOf'].map(schemaSummary).join(' | ');
  return escapeHtml(type + format);
}

function schemaTable(schema: Record<string, unknown>): string {
  const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema['required'] ?? []) as string[]);
  const rows = Object.entries(properties)
    .map(
      ([name, property]) =>
        `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? '' : ' <small>optional</small>'}</td>` +
        `<td>${schemaSummary(property)}</td><td>${escapeHtml(typeof property['description'] === 'string' ? property['description'] : '')}</td></tr>`,
    )
    .join('');
  return rows === ''
    ? `<p>${schemaSummary(schema)}</p>`
    : `<table><tr><th>Field</th><th>Type</th><th>Meaning</th></tr>${rows}</table>`;
}

function operationsHtml(document: OpenAPIObject): string {
  const sections: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ?? [])
        .map((parameter) => {
          if (!('name' in parameter)) return '';
          return `<tr><td><code>${escapeHtml(parameter.name)}</code></td><td>${escapeHtml(parameter.in)}${parameter.required === true ? ', required' : ''}</td><td>${schemaSummary(parameter.schema)}</td></tr>`;
        })
        .join('');
      const body = operation.requestBody;
      const bodySchema =
        body !== undefined && 'content' in body ? body.content['application/json']?.schema : undefined;
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => {
          const content = (response as { content?: Record<string, { schema?: unknown }> }).content ?? {};
          const types = Object.entries(content)
            .map(([type, media]) => `${escapeHtml(type)}: ${schemaSummary(media.schema)}`)
            .join('<br>');
          const description = (response as { description?: string }).description ?? '';
          return `<tr><td>${escapeHtml(status)}</td><td>${escapeHtml(description)}</td><td>${types}</td></tr>`;
        })
        .join('');
      sections.push(`<section class="operation">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(operation.summary ?? '')}</p>
${parameters === '' ? '' : `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th></tr>${parameters}</table>`}
${bodySchema === undefined ? '' : `<h4>Request body (application/json)</h4><p>${schemaSummary(bodySchema)}</p>`}
<h4>Responses</h4><table><tr><th>Status</th><th>Meaning</th><th>Body</th></tr>${responses}</table>
</section>`);
    }
  }
  return sections.join('\n');
}

function schemasHtml(document: OpenAPIObject): string {
  return Object.entries(document.components?.schemas ?? {})
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>` +
        `<p>${escapeHtml((schema as { description?: string }).description ?? '')}</p>` +
        schemaTable(schema as Record<string, unknown>) +
        '</section>',
    )
    .join('\n');
}

function problemsHtml(): string {
  const rows = Object.entries(PROBLEM_CATALOGUE)
    .map(
      ([code, entry]) =>
        `<tr id="problem-${code}"><td><code>${code}</code></td><td>${entry.status}</td><td>${escapeHtml(entry.titleZh)}<br>${escapeHtml(entry.title)}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>code</th><th>HTTP</th><th>标题 / Title</th></tr>${rows}</table>`;
}

export function renderApiReferencePage(document: OpenAPIObject): string {
  const title = `${document.info.title} ${document.info.version}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — API 参考 / API reference</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1040px;padding:1.5rem;color:#1d2733;line-height:1.5}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d8dee6;padding-bottom:.3rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d8dee6;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}.operation{border:1px solid #d8dee6;border-radius:8px;padding:.2rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;color:#fff;padding:.1rem .4rem;font-size:.85rem}
.get{background:#2f6fb3}.post{background:#2e8b57}.put,.patch{background:#b8860b}.delete{background:#b22222}
code{font-family:ui-monospace,monospace}small{color:#6b7785}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(document.info.description ?? '')}</p>
<p>机器可读文档 / Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(document.openapi)})</p>
<h2>接口 / Operations</h2>
${operationsHtml(document)}
<h2>错误 / Problems (RFC 9457, application/problem+json)</h2>
<p>每个错误都带有稳定的 <code>code</code> 和 <code>requestId</code>。Every error carries a stable <code>code</code> and the <code>requestId</code> of its log lines.</p>
${problemsHtml()}
<h2>数据结构 / Schemas</h2>
${schemasHtml(document)}
</body></html>`;
}
