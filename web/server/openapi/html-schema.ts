import "server-only";

// JSON Schemas as people read them on the /api/docs page: a table of fields with their types and
// rules, and the full schema folded away below it.

type Json = Record<string, unknown>;

/** Escapes text for HTML. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Escaped text with `code` spans for text in backticks, as the document's descriptions use. */
export const prose = (text: unknown) =>
  escapeHtml(String(text ?? "")).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A schema's type in words: `string (date-time) or null`, `one of A, B`, `array of object`. */
export function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(", ")}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(" or ");
  if (schema.type === "array") return `array of ${typeOf((schema.items ?? {}) as Json)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

/** A schema's constraints in words: lengths, bounds, pattern, default. */
export function rulesOf(schema: Json): string {
  const rules: string[] = [];
  const add = (key: string, text: (value: string) => string) => {
    if (schema[key] !== undefined) rules.push(text(String(schema[key])));
  };
  add("minLength", (v) => `at least ${v} characters`);
  add("maxLength", (v) => `at most ${v} characters`);
  add("exclusiveMinimum", (v) => `> ${v}`);
  add("minimum", (v) => `≥ ${v}`);
  // The safe-integer bound is zod's default for z.int(), not a rule of ours.
  if (schema.maximum !== Number.MAX_SAFE_INTEGER) add("maximum", (v) => `≤ ${v}`);
  // A date or date-time says enough by its format; its pattern is long and says the same.
  if (!schema.format) add("pattern", (v) => `matches \`${v}\``);
  if (schema.default !== undefined) rules.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.additionalProperties === false) rules.push("no other fields");
  return rules.join("; ");
}

function fieldsTable(object: Json): string {
  const properties = Object.entries((object.properties ?? {}) as Record<string, Json>);
  if (properties.length === 0) return "";
  const required = new Set((object.required ?? []) as string[]);
  const rows = properties.map(
    ([name, field]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(typeOf(field))}</td>` +
      `<td>${required.has(name) ? "yes" : "no"}</td>` +
      `<td>${prose([field.description, rulesOf(field)].filter(Boolean).join(". "))}</td></tr>`,
  );
  const head = "<tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr>";
  return `<table>${head}${rows.join("")}</table>`;
}

/** The fields of an object (or of an array's items) as a table, then the full JSON Schema. */
export function schemaBlock(schema: Json): string {
  const isArray = schema.type === "array";
  const table = fieldsTable(isArray ? ((schema.items ?? {}) as Json) : schema);
  const intro = table
    ? isArray
      ? "<p>An array of:</p>"
      : ""
    : `<p>${escapeHtml(typeOf(schema))}</p>`;
  const full = escapeHtml(JSON.stringify(schema, null, 2));
  return `${intro}${table}<details><summary>JSON Schema</summary><pre>${full}</pre></details>`;
}
