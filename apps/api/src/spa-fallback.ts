import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem, PROBLEM_CONTENT_TYPE } from '@cbm/core';

/**
 * Any GET no route matched: the single-page app's index.html for client-side routes,
 * a problem+json 404 for API paths and missing files.
 */
export function registerSpaFallback(fastify: FastifyInstance, webDistDir: string): void {
  const index = join(webDistDir, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  fastify.get('/*', (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    if (
      !html ||
      path.startsWith('/api/') ||
      path === '/api' ||
      path.startsWith('/health') ||
      /\.[a-z0-9]{1,8}$/i.test(path)
    ) {
      const body = problem(404, 'ROUTE_NOT_FOUND', `no route for GET ${path}`, { instance: path, requestId: req.id });
      return reply.status(404).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
    }
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
