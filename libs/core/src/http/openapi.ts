import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiPropertyOptions,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Page } from '../pagination/cursor';

/** The OpenAPI shape of every error answer (RFC 9457 problem+json, see problem.ts). */
export class ProblemFieldDto {
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' }) message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://cbm.example.org/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'The path that answered' }) instance?: string;
  @ApiPropertyOptional({ description: 'Also in the X-Request-Id header' }) requestId?: string;
  @ApiPropertyOptional({ type: [ProblemFieldDto], description: 'The fields that failed validation (400)' })
  fields?: ProblemFieldDto[];
}

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const WHY: Record<ProblemStatus, string> = {
  400: 'The input is not valid: the problem lists the fields',
  401: 'Sign in first: the access token is missing, expired or not valid',
  403: 'The signed-in user may not do this',
  404: 'Not found, or outside the caller scope',
  409: 'A conflict: the record changed since it was read (version), or its state does not allow this',
  412: 'If-Match does not match the current version',
  413: 'The body is larger than the limit; nothing was stored',
  415: 'The content type is not accepted (checked on the bytes); nothing was stored',
  422: 'Well-formed, but a rule of the domain refuses it',
  428: 'A precondition header is required',
  429: 'Too many requests: retry after the Retry-After header',
  503: 'Unavailable: a dependency (database, Redis) is down; retry shortly',
};
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

/** Declares problem+json answers for the given statuses (on a route or a whole controller). */
export function ApiProblems(...statuses: ProblemStatus[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHY[status],
        content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

const pages = new Map<Type<unknown>, Type<Page<unknown>>>();

/**
 * The schema of a keyset page of `item`: `{ items: Item[], nextCursor }`, named after the item
 * (`UserView` → `UserPage`). One class per item type, so the document names each page once.
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  let page = pages.get(item);
  if (!page) {
    class ItemPage implements Page<T> {
      @ApiProperty({ type: () => [item] }) items: T[];
      @ApiProperty({
        type: String,
        nullable: true,
        description: 'Pass as `cursor` for the next page; null on the last page',
      })
      nextCursor: string | null;
    }
    Object.defineProperty(ItemPage, 'name', { value: `${item.name.replace(/(View)?(Dto)?$/, '')}Page` });
    page = ItemPage as Type<Page<unknown>>;
    pages.set(item, page);
  }
  return page as Type<Page<T>>;
}

/**
 * A 200 whose body is a file or a stream in `mediaType` (CSV, XML, JSON Lines), or, when `json`
 * is given, that or the JSON of `json` as the Accept header asks.
 */
export function ApiFileResponse(mediaType: string, description: string, json?: Type<unknown>) {
  return applyDecorators(
    ...(json ? [ApiExtraModels(json)] : []),
    ApiOkResponse({
      description,
      content: {
        ...(json ? { 'application/json': { schema: { $ref: getSchemaPath(json) } } } : {}),
        [mediaType]: { schema: { type: 'string' } },
      },
    }),
  );
}

/** Any JSON value (the old or new value of a changed field, say). */
export const ANY_JSON_SCHEMA: ApiPropertyOptions = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true, nullable: true },
  ],
};
