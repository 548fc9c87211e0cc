/**
 * EDGAR gives a daily index no time of day, so a replay synthesizes acceptance times that look
 * like a real day: EDGAR accepts filings from 06:00 to 22:00 Eastern; most companies file
 * during market hours and in the hour after the 16:00 close; insider forms (3, 4, 5) keep
 * arriving until 22:00. Weights are per half-hour slot from 06:00.
 */
const SLOT_MINUTES = 30;
const DAY_START_MINUTES = 6 * 60;

//                       06  06:30 07  07:30 08  08:30 09  09:30 10  10:30 11  11:30 12  12:30 13  13:30 14  14:30 15  15:30 16  16:30 17  17:30 18  18:30 19  19:30 20  20:30 21  21:30
const COMPANY_WEIGHTS = [
  1, 1, 2, 3, 4, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 4, 4, 5, 6, 12, 14, 10, 4, 2,
  1, 1, 1, 1, 1, 1, 1,
];
const INSIDER_WEIGHTS = [
  1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5, 9, 10, 10, 9, 8,
  7, 6, 5, 5, 4, 3, 2,
];

const INSIDER_FORM = /^[345](\/A)?$/;

/** A small, fast, seedable PRNG (mulberry32), so the committed data set is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickSlot(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Seconds after midnight Eastern at which a filing of `formType` is accepted. */
export function acceptanceSecond(
  formType: string,
  random: () => number,
): number {
  const weights = INSIDER_FORM.test(formType)
    ? INSIDER_WEIGHTS
    : COMPANY_WEIGHTS;
  const slot = pickSlot(weights, random);
  return (
    (DAY_START_MINUTES + slot * SLOT_MINUTES) * 60 +
    Math.floor(random() * SLOT_MINUTES * 60)
  );
}

/**
 * ISO 8601 with the Eastern offset, as sec-api.io writes `filedAt` (`2020-01-03T16:05:12-05:00`).
 * `date` is `YYYYMMDD`; `offset` is the day's Eastern offset (`-05:00` in winter).
 */
export function easternIso(
  date: string,
  secondOfDay: number,
  offset = '-05:00',
): string {
  const hh = String(Math.floor(secondOfDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondOfDay % 3600) / 60)).padStart(2, '0');
  const ss = String(secondOfDay % 60).padStart(2, '0');
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${hh}:${mm}:${ss}${offset}`;
}
