import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  clientAddress?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runWithRequestContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);
export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** For framework hooks that cannot wrap the rest of the request in a callback. */
export const enterRequestContext = (ctx: RequestContext): void => storage.enterWith(ctx);
