import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject } from '@nestjs/swagger';
import { accessInOpenApi, BEARER_SCHEME, ProblemDto } from '@cbm/core';

const TAGS: [string, string][] = [
  ['health', 'Liveness and readiness, outside /api/v1'],
  ['auth', 'Sign-in, token refresh, the signed-in user'],
  ['users', 'User accounts (administrators)'],
  ['reference', 'GCM objectives and principles, countries, currencies, the assessment rubric'],
  ['organisations', 'UN entities, Member States, IFIs and other organisations, with their capability profiles'],
  ['notifications', "The caller's in-app notifications"],
  ['audit', 'The hash-chained audit trail'],
  ['requests', 'Connection hub: support requests, assessment, partners, plans and reports'],
  ['fund', 'Start-up fund: contributions, applications, allocations, transfers, statements'],
  ['knowledge', 'Knowledge platform: items, reviews, versions, imports'],
  ['open data', 'Anonymous open data: published knowledge, catalogue, IATI'],
];

/**
 * `{ allOf: [X] }` with nothing beside it is X: @nestjs/swagger wraps every enum it names in one
 * (a lone `$ref` where a description or nullable sits beside it stays wrapped: OpenAPI 3.0
 * ignores the siblings of a `$ref`).
 */
function unwrapLoneAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unwrapLoneAllOf);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => [k, unwrapLoneAllOf(v)] as const);
  const [only] = entries;
  if (entries.length === 1 && only[0] === 'allOf' && Array.isArray(only[1]) && only[1].length === 1) return only[1][0];
  return Object.fromEntries(entries);
}

/**
 * A header read with `@Headers('if-match')` is documented by @nestjs/swagger as a required
 * parameter of its own, beside the `@ApiHeader` that describes it: header names are
 * case-insensitive, so the described one stands and the bare duplicate goes.
 */
function oneParameterPerHeader(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths))
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (!operation?.parameters) continue;
      const headers = operation.parameters.filter((p) => 'in' in p && p.in === 'header') as ParameterObject[];
      const described = new Set(headers.filter((h) => h.description).map((h) => h.name.toLowerCase()));
      operation.parameters = operation.parameters.filter(
        (p) => !('in' in p) || p.in !== 'header' || p.description || !described.has(p.name.toLowerCase()),
      );
    }
  return document;
}

/** The OpenAPI document of an app (served at /api/docs-json, written by `cli openapi`). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('CBM case-management API')
    .setDescription(
      'Connection hub, start-up fund and knowledge platform of the UN capacity-building mechanism for migration (GCM paragraph 42). Errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME);
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ProblemDto] });
  return accessInOpenApi(oneParameterPerHeader(unwrapLoneAllOf(document) as OpenAPIObject));
}
