import { types, type CustomTypesConfig } from 'pg';

/** PostgreSQL's type OID of timestamptz. */
const TIMESTAMPTZ = 1184;

/** pg's own parser of timestamptz text: postgres-date's parseDate. */
const parseDate = types.getTypeParser(TIMESTAMPTZ, 'text') as (
  text: string,
) => Date | number | null;

const DIGIT_0 = 48;

/** The number written by `count` decimal digits of `text` from `start`; NaN if one is not. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A timestamptz as PostgreSQL writes it in the ISO DateStyle, `2026-11-29 06:12:00.123456+00`
 * (a fraction of up to 6 digits, an offset of ±HH or ±HH:MM), parsed exactly as
 * postgres-date parses it, without its regular expressions and their strings: a page of
 * secrets holds hundreds of timestamps (B2). Anything else (infinity, BC, a year before 100
 * or after 9999, an offset with seconds) goes to postgres-date.
 */
export function parseTimestamptz(text: string): Date | number | null {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let end = 19;
  let fraction = 0;
  if (text.charCodeAt(end) === 46 /* . */) {
    let scale = 1;
    while (++end < text.length && scale < 1e6) {
      const digit = text.charCodeAt(end) - DIGIT_0;
      if (!(digit >= 0 && digit <= 9)) break;
      fraction = fraction * 10 + digit;
      scale *= 10;
    }
    // postgres-date's 1000 * parseFloat(".123456"): the same double, both correctly rounded.
    fraction = (1000 * fraction) / scale;
  }
  const sign = text[end] === '+' ? 1 : text[end] === '-' ? -1 : 0;
  const offsetHours = digits(text, end + 1, 2);
  const offsetMinutes = text.length === end + 6 ? digits(text, end + 4, 2) : 0;
  const shaped =
    sign !== 0 &&
    text[4] === '-' &&
    text[7] === '-' &&
    text[10] === ' ' &&
    text[13] === ':' &&
    text[16] === ':' &&
    (text.length === end + 3 || (text.length === end + 6 && text[end + 3] === ':'));
  const offset = sign * (offsetHours * 3600 + offsetMinutes * 60) * 1000;
  if (!shaped || year < 100 || Number.isNaN(year + month + day + hour + minute + second + offset))
    return parseDate(text);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset);
}

/**
 * The type parsers of the data source's pool (pg's `types` option): pg's own, but for
 * timestamptz. Only this pool's connections use them; pg's global table stays as it is.
 */
export const poolTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === TIMESTAMPTZ && format !== 'binary'
      ? parseTimestamptz
      : (types.getTypeParser(oid, format) as unknown)) as typeof types.getTypeParser,
};
