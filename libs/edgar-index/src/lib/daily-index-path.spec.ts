import { dailyIndexPath, isIndexDate } from './daily-index-path';
import { accessionFromFileName } from './accession-from-file-name';

describe('dailyIndexPath', () => {
  it('puts a date in its quarter', () => {
    expect(dailyIndexPath('2020-03-18')).toBe(
      '/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx',
    );
    expect(dailyIndexPath('2022-10-03', 'company')).toBe(
      '/Archives/edgar/daily-index/2022/QTR4/company.20221003.idx',
    );
    expect(dailyIndexPath('2024-04-01', 'master')).toBe(
      '/Archives/edgar/daily-index/2024/QTR2/master.20240401.idx',
    );
    expect(dailyIndexPath('2024-09-30')).toContain('/QTR3/');
  });

  it('refuses what is no date', () => {
    expect(() => dailyIndexPath('2020-02-30')).toThrow(RangeError);
  });
});

describe('isIndexDate', () => {
  it.each(['2020-03-18', '2024-02-29', '1993-01-01'])('accepts %s', (date) =>
    expect(isIndexDate(date)).toBe(true),
  );
  it.each([
    '2023-02-29',
    '2020-13-01',
    '20200318',
    '2020-3-18',
    '1992-12-31',
    ' 2020-03-18',
    '',
    null,
    20200318,
  ])('refuses %p', (date) => expect(isIndexDate(date)).toBe(false));
});

describe('accessionFromFileName', () => {
  it('reads the CIK directory and the accession number', () => {
    expect(
      accessionFromFileName('edgar/data/1234/0000950170-20-001234.txt'),
    ).toEqual({
      cik: '1234',
      accessionNo: '0000950170-20-001234',
    });
  });
  it.each([
    'edgar/data/1234/0000950170-20-001234.nc',
    'edgar/data/x/0000950170-20-001234.txt',
    '/edgar/data/1234/0000950170-20-001234.txt',
    'edgar/data/1234/000095017020001234.txt',
  ])('refuses %s', (name) =>
    expect(accessionFromFileName(name)).toBeUndefined(),
  );
});
