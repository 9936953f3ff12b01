import fc from 'fast-check';
import { types } from 'pg';
import { createDataSource } from './data-source';
import { pgPool } from './pg-pool';
import { parseTimestamptz } from './timestamps';

/** What pg parses a timestamptz with by default: postgres-date. */
const parseDate = types.getTypeParser(1184, 'text') as (text: string) => unknown;

/** A parse result in a form `toEqual` compares exactly: a Date by its time value. */
const parsed = (value: unknown) => (value instanceof Date ? { time: value.getTime() } : value);

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Timestamp texts in PostgreSQL's ISO DateStyle, offsets included, and some it never sends. */
const timestampText = fc
  .record({
    year: fc.integer({ min: 1, max: 12_000 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,7}$/), { nil: '' }),
    offset: fc.constantFrom('+00', '-00', '+05', '-08', '+05:30', '-03:30', '+00:19:32', 'Z', ''),
    era: fc.constantFrom('', '', '', ' BC'),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
      `${t.fraction && `.${t.fraction}`}${t.offset}${t.era}`,
  );

describe('parseTimestamptz', () => {
  it('parses every text as postgres-date does', () => {
    fc.assert(
      fc.property(fc.oneof(timestampText, fc.string()), (text) => {
        expect(parsed(parseTimestamptz(text))).toEqual(parsed(parseDate(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps milliseconds, dropping the microseconds, as postgres-date does', () => {
    expect(parseTimestamptz('2026-11-29 06:12:00.123956+00')).toEqual(
      new Date('2026-11-29T06:12:00.123Z'),
    );
    expect(parseTimestamptz('2026-11-29 06:12:00.5-03:30')).toEqual(
      new Date('2026-11-29T09:42:00.500Z'),
    );
  });

  describe('on the data source pool, against PostgreSQL', () => {
    const dataSource = createDataSource(process.env.DATABASE_URL ?? '', []);
    beforeAll(() => dataSource.initialize());
    afterAll(() => dataSource.destroy());

    it('is the parser of timestamptz on its connections', async () => {
      const client = await pgPool(dataSource).connect();
      try {
        expect(client.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
      } finally {
        client.release();
      }
    });

    it.each(['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam'])(
      'reads what PostgreSQL sends as postgres-date reads it, in time zone %s',
      async (zone) => {
        const client = await pgPool(dataSource).connect();
        try {
          await client.query(`SET TimeZone = '${zone}'`);
          // Microseconds from 1970 to instants from 4713 BC (the earliest PostgreSQL holds) to 11983.
          const instants = fc.sample(
            fc.bigInt({ min: -210_866_760_000_000_000n, max: 316_000_000_000_000_000n }),
            { numRuns: 300, seed: 13 },
          );
          const { rows } = await client.query<{ value: unknown; text: string }>(
            `SELECT value, value::text AS text FROM (
               SELECT 'epoch'::timestamptz + microseconds * interval '1 microsecond' AS value
               FROM unnest($1::bigint[]) AS microseconds
               UNION ALL SELECT now() UNION ALL SELECT 'infinity' UNION ALL SELECT '-infinity'
               UNION ALL SELECT '0050-01-01 00:00:00.5+00' UNION ALL SELECT '1850-06-01 12:00:00'
             ) timestamps`,
            [instants.map(String)],
          );
          expect(rows).toHaveLength(instants.length + 5);
          for (const row of rows) expect(parsed(row.value)).toEqual(parsed(parseDate(row.text)));
        } finally {
          client.release(true);
        }
      },
    );
  });
});
