import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// jsdom has no layout, so it leaves out Element.scrollTo; the CDK virtual scroll calls it.
Element.prototype.scrollTo ??= function scrollTo() {
  // nothing to scroll without layout
};
