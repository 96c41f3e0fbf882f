import { isLogTime, LogCursor, splitLogTime } from './logCursor';

const web = { pod: 'web-1', container: 'web' };
const sidecar = { pod: 'web-1', container: 'shipper' };

/** The lines `cursor` keeps of `lines`, each `[time, text]`. */
const admitted = (
  cursor: LogCursor,
  source: typeof web,
  lines: Array<[string, string]>,
) => lines.filter(([time]) => cursor.admit(source, time)).map(([, t]) => t);

describe('splitLogTime', () => {
  it('splits the timestamp the API server prefixes, and leaves other lines whole', () => {
    expect(splitLogTime('2026-12-07T18:00:01.123456789Z INFO ready')).toEqual({
      time: '2026-12-07T18:00:01.123456789Z',
      text: 'INFO ready',
    });
    expect(splitLogTime('2026-12-07T18:00:01+02:00 x')).toEqual({
      time: '2026-12-07T18:00:01+02:00',
      text: 'x',
    });
    expect(splitLogTime('INFO ready at 2026-12-07T18:00:01Z')).toEqual({
      text: 'INFO ready at 2026-12-07T18:00:01Z',
    });
    expect(splitLogTime('yesterday something')).toEqual({
      text: 'yesterday something',
    });
  });

  it('knows a timestamp when it sees one', () => {
    expect(isLogTime('2026-12-07T18:00:01Z')).toBe(true);
    expect(isLogTime('2026-12-07T18:00:01.5Z')).toBe(true);
    expect(isLogTime('2026-12-07 18:00:01')).toBe(false);
    expect(isLogTime('2026-13-07T18:00:01Z')).toBe(false);
  });
});

describe('LogCursor', () => {
  it('keeps every line of a first connection, and has no place to resume from before one', () => {
    const cursor = new LogCursor();
    expect(cursor.resume()).toBeUndefined();
    expect(
      admitted(cursor, web, [
        ['2026-12-07T18:00:01.000000001Z', 'a'],
        ['2026-12-07T18:00:01.000000001Z', 'b'],
        [undefined as unknown as string, 'no time'],
      ]),
    ).toEqual(['a', 'b', 'no time']);
  });

  it('resumes from the earliest source, skipping what each source already showed, lines sharing the last timestamp included', () => {
    const cursor = new LogCursor();
    admitted(cursor, web, [
      ['2026-12-07T18:00:01.100000000Z', 'w1'],
      ['2026-12-07T18:00:02.200000000Z', 'w2'],
      ['2026-12-07T18:00:02.200000000Z', 'w3'],
    ]);
    admitted(cursor, sidecar, [['2026-12-07T18:00:01.500000000Z', 's1']]);
    expect(cursor.resume()).toBe('2026-12-07T18:00:01.500000000Z');
    // The API server answers from the start of the second asked for.
    expect(
      admitted(cursor, web, [
        ['2026-12-07T18:00:01.100000000Z', 'w1'],
        ['2026-12-07T18:00:02.200000000Z', 'w2'],
        ['2026-12-07T18:00:02.200000000Z', 'w3'],
        ['2026-12-07T18:00:02.200000000Z', 'w4 written in the same instant'],
        ['2026-12-07T18:00:03.000000000Z', 'w5'],
      ]),
    ).toEqual(['w4 written in the same instant', 'w5']);
    expect(
      admitted(cursor, sidecar, [
        ['2026-12-07T18:00:01.500000000Z', 's1'],
        ['2026-12-07T18:00:04.000000000Z', 's2'],
      ]),
    ).toEqual(['s2']);
    // A second drop resumes from where the lines went on to.
    expect(cursor.resume()).toBe('2026-12-07T18:00:03.000000000Z');
    expect(
      admitted(cursor, web, [
        ['2026-12-07T18:00:03.000000000Z', 'w5'],
        ['2026-12-07T18:00:03.000000000Z', 'w6'],
      ]),
    ).toEqual(['w6']);
  });

  it('compares timestamps of any precision and offset as instants', () => {
    const cursor = new LogCursor();
    admitted(cursor, web, [['2026-12-07T18:00:02.5Z', 'a']]);
    cursor.resume();
    expect(
      admitted(cursor, web, [
        ['2026-12-07T20:00:02.500000000+02:00', 'a'],
        ['2026-12-07T18:00:02.500000001Z', 'b'],
      ]),
    ).toEqual(['b']);
  });

  it('resumes one source alone, leaving the others as they were', () => {
    const cursor = new LogCursor();
    admitted(cursor, web, [['2026-12-07T18:00:01Z', 'w1']]);
    admitted(cursor, sidecar, [['2026-12-07T18:00:05Z', 's1']]);
    expect(cursor.resumeSource(web)).toBe('2026-12-07T18:00:01Z');
    expect(cursor.resumeSource({ pod: 'new', container: 'web' })).toBe(
      undefined,
    );
    expect(admitted(cursor, sidecar, [['2026-12-07T18:00:06Z', 's2']])).toEqual(
      ['s2'],
    );
    expect(
      admitted(cursor, web, [
        ['2026-12-07T18:00:01Z', 'w1'],
        ['2026-12-07T18:00:02Z', 'w2'],
      ]),
    ).toEqual(['w2']);
  });
});
