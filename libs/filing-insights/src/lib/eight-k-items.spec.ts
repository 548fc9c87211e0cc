import {
  EIGHT_K_ITEMS,
  eightKItemByCode,
  eightKItemByTitle,
} from './eight-k-items';

describe('EIGHT_K_ITEMS', () => {
  it('lists each code of Form 8-K once, in order, with a title and a label', () => {
    const codes = EIGHT_K_ITEMS.map((item) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(codes).toEqual(
      expect.arrayContaining([
        '1.01',
        '1.05',
        '2.02',
        '5.02',
        '5.07',
        '6.10',
        '7.01',
        '8.01',
        '9.01',
      ]),
    );
    for (const item of EIGHT_K_ITEMS) {
      expect(item.code).toMatch(/^\d\.\d{2}$/);
      expect(item.title.length).toBeGreaterThan(5);
      expect(item.label.length).toBeGreaterThan(1);
    }
  });

  it('finds every item by its own title, and 5.02 with either punctuation', () => {
    for (const item of EIGHT_K_ITEMS)
      expect(eightKItemByTitle(item.title)).toBe(item);
    const form =
      'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers';
    expect(eightKItemByTitle(form)?.code).toBe('5.02');
    expect(eightKItemByTitle('  REGULATION FD DISCLOSURE ')?.code).toBe('7.01');
    expect(eightKItemByTitle('Not an item')).toBeUndefined();
  });

  it('finds items by code', () => {
    expect(eightKItemByCode('2.02')?.title).toBe(
      'Results of Operations and Financial Condition',
    );
    expect(eightKItemByCode('1.05')?.title).toBe(
      'Material Cybersecurity Incidents',
    );
    expect(eightKItemByCode('2.2')).toBeUndefined();
  });
});
