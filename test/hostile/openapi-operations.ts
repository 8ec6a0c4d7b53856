/* Reads the composed app's OpenAPI document into a list of operations with resolved schemas. */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  nullable?: boolean;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
}

export type AccessRule = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: string[] };

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  key: string; // "PATCH /api/v1/requests/{id}"
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access?: AccessRule;
  params: Param[];
  body?: Schema;
  bodyRequired: boolean;
  /** The operation takes a multipart/form-data upload (a file part) instead of JSON. */
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: (Param & { schema?: Schema })[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
        'x-access'?: AccessRule;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Inlines $ref and single-element allOf so generators see plain schemas. */
export function resolveSchema(doc: OpenApiDocument, s: Schema | undefined, depth = 0): Schema {
  if (!s || depth > 12) return {};
  if (s.$ref) {
    const name = s.$ref.split('/').pop()!;
    return {
      ...resolveSchema(doc, doc.components?.schemas?.[name], depth + 1),
      ...(s.nullable ? { nullable: true } : {}),
    };
  }
  if (s.allOf?.length === 1) {
    const { allOf, ...rest } = s;
    return { ...rest, ...resolveSchema(doc, allOf[0], depth + 1), nullable: s.nullable };
  }
  const out: Schema = { ...s };
  if (s.items) out.items = resolveSchema(doc, s.items, depth + 1);
  if (s.properties)
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  return out;
}

export function readOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      // swagger lists a header twice when it is both declared and read (`if-match`, `If-Match`)
      const seen = new Set<string>();
      const params: Param[] = [];
      for (const p of op.parameters ?? []) {
        const id = `${p.in}:${p.name.toLowerCase()}`;
        if (seen.has(id)) continue;
        seen.add(id);
        params.push({
          name: p.in === 'header' ? p.name.toLowerCase() : p.name,
          in: p.in,
          required: !!p.required,
          schema: resolveSchema(doc, p.schema),
        });
      }
      const json = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        access: op['x-access'],
        params,
        body: json ? resolveSchema(doc, json) : undefined,
        bodyRequired: !!op.requestBody?.required,
        multipart: !!op.requestBody?.content?.['multipart/form-data'],
      });
    }
  }
  return ops;
}

export const requiresToken = (op: Operation) => op.access?.kind !== 'public';
