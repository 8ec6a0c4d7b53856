import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME, securityFromAccess } from '@cbm/core';

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
  return securityFromAccess(SwaggerModule.createDocument(app, builder.build()));
}
