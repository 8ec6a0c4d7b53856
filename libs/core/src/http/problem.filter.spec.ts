import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toProblem } from './problem.filter';

describe('toProblem for a database that went away', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [
      'a server shutting down',
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ],
    ['a connection lost mid-transaction', new QueryRunnerAlreadyReleasedError()],
    ['a connection lost mid-transaction (entity manager)', new QueryRunnerProviderAlreadyReleasedError()],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
  ])('maps %s to 503 DATABASE_UNAVAILABLE', (_, error) => {
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  });

  it('keeps an unknown error a 500', () => {
    expect(toProblem(new TypeError('x is undefined'))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });
});
