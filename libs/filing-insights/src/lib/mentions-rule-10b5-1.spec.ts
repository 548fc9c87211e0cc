import { mentionsRule10b51 } from './mentions-rule-10b5-1';

describe('mentionsRule10b51', () => {
  it.each([
    'The reported sale was made pursuant to a pre-arranged program ... pursuant to Rule 10b5-1 under the Securities Exchange Act of 1934.',
    'This transaction was made pursuant to a Rule 10b5-1 trading plan adopted by the reporting person.',
    'Sold under a RULE 10B5-1 plan.',
    'Effected under a 10b5\u20131 plan.',
    'Pursuant to a 10b-5-1 plan adopted May 1.',
    'Shares were withheld for taxes. The sales were made under a Rule 10b5-1 plan.',
  ])('counts %j', (text) => {
    expect(mentionsRule10b51(text)).toBe(true);
  });

  it.each([
    'The sales reported in this Form 4 were effected for financial and tax planning purposes.',
    'This transaction was not made pursuant to a Rule 10b5-1 trading plan.',
    'No Rule 10b5-1 plan was used.',
    'Rule 10b-5 liability is disclaimed.',
    '',
  ])('does not count %j', (text) => {
    expect(mentionsRule10b51(text)).toBe(false);
  });
});
