import "server-only";
import { type getOpenApiDocument } from "./document";
import { escapeHtml as escape, prose, rulesOf, schemaBlock, typeOf } from "./html-schema";

// The readable reference at GET /api/docs: plain HTML rendered from the OpenAPI document, with
// no script and nothing fetched from elsewhere (the product runs offline).

type Document = ReturnType<typeof getOpenApiDocument>;
type Json = Record<string, unknown>;

function resolve(document: Document, value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  const [, , section, name] = ref.split("/");
  const components = document.components as unknown as Record<string, Record<string, Json>>;
  return components[section!]?.[name!] ?? value;
}

function content(document: Document, body: Json | undefined) {
  if (!body?.content) return "";
  return Object.entries(body.content as Record<string, Json>)
    .map(([type, media]) => {
      const schema = resolve(document, (media.schema ?? {}) as Json);
      return `<p class="type">${escape(type)}</p>${schemaBlock(schema)}`;
    })
    .join("");
}

function parametersTable(parameters: Json[]) {
  if (parameters.length === 0) return "";
  const rows = parameters.map(
    (p) =>
      `<tr><td><code>${escape(String(p.name))}</code></td><td>${escape(String(p.in))}</td>` +
      `<td>${p.required ? "yes" : "no"}</td><td>${prose(p.description)}</td>` +
      `<td>${escape(typeOf(p.schema as Json))}</td><td>${prose(rulesOf(p.schema as Json))}</td></tr>`,
  );
  return (
    "<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th>" +
    `<th>what</th><th>type</th><th>rules</th></tr>${rows.join("")}</table>`
  );
}

function operationHtml(document: Document, method: string, path: string, op: Json) {
  const body = op.requestBody as Json | undefined;
  const responses = Object.entries(op.responses as Record<string, Json>).map(([status, raw]) => {
    const response = resolve(document, raw);
    // The shared error responses are shown once, at the top of the page.
    const details = raw.$ref ? "" : content(document, response);
    return `<li><b>${escape(status)}</b> ${prose(response.description)}${details}</li>`;
  });
  return [
    `<section id="${escape(String(op.operationId))}">`,
    `<h3><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>`,
    `<p><b>${prose(op.summary)}</b></p><p>${prose(op.description)}</p>`,
    parametersTable((op.parameters ?? []) as Json[]),
    body ? `<h4>Body${body.required ? "" : " (optional)"}</h4>${content(document, body)}` : "",
    `<h4>Responses</h4><ul>${responses.join("")}</ul>`,
    "</section>",
  ].join("");
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.5rem 0}.method{display:inline-block;
min-width:4.5rem;font-weight:700}pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:13px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;
vertical-align:top}.type{margin:.25rem 0;color:#555}`;

/** The whole reference page, grouped by tag, with a table of contents. */
export function renderApiDocs(document: Document): string {
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as Json;
      const tag = (op.tags as string[])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(document, method, path, op)]);
      toc.push(
        `<li><a href="#${escape(String(op.operationId))}">${method.toUpperCase()} ${escape(path)}</a></li>`,
      );
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join("")}`);
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escape(document.info.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escape(document.info.title)}</h1><p>${prose(document.info.description)}</p>`,
    `<h2>Errors</h2><p>Every error of the app's routes has this shape:</p>`,
    schemaBlock(document.components.schemas.Error as Json),
    `<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>`,
    `<ul>${toc.join("")}</ul>${sections.join("")}</body></html>`,
  ].join("\n");
}
