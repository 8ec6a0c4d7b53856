'use strict';
/* Reference (a): the physical limit of a database-backed read on this machine —
   bare Fastify, one primary-key SELECT with pg, the row as JSON. */
const fastify = require('fastify')({ logger: false });
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL || 20) });

fastify.get('/ref/:id', async (req, reply) => {
  const { rows } = await pool.query('SELECT * FROM bench_reference WHERE id = $1', [req.params.id]);
  if (!rows.length) return reply.code(404).send({ status: 404 });
  return rows[0];
});

/* Reference (b): an INSERT plus an audit INSERT in one transaction. */
fastify.post('/ref', async (req) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      'INSERT INTO bench_reference_write (title, body) VALUES ($1, $2) RETURNING id',
      [String(req.body.title), String(req.body.body)],
    );
    await client.query('INSERT INTO bench_reference_audit (entity_id, action, after) VALUES ($1, $2, $3)', [
      rows[0].id,
      'created',
      JSON.stringify(req.body),
    ]);
    await client.query('COMMIT');
    return { id: rows[0].id };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
});

fastify
  .listen({ port: Number(process.env.PORT || 3901), host: '127.0.0.1' })
  .then(() => process.stdout.write('reference ready\n'));
