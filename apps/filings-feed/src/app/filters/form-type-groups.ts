/** A named set of form types offered together in the form-type picker. */
export interface FormTypeGroup {
  readonly label: string;
  readonly formTypes: readonly string[];
}

/** The groups analysts filter by; amendments (`/A`) follow their form unless turned off. */
export const FORM_TYPE_GROUPS: readonly FormTypeGroup[] = [
  { label: 'Insider', formTypes: ['3', '4', '5'] },
  { label: 'Current', formTypes: ['8-K', '6-K'] },
  { label: 'Periodic', formTypes: ['10-K', '10-Q', '20-F', '40-F'] },
  { label: 'Ownership', formTypes: ['SC 13D', 'SC 13G', '13F-HR'] },
  {
    label: 'Registration',
    formTypes: ['S-1', 'S-3', 'S-4', 'F-1', '424B2', '424B3', '424B4', '424B5'],
  },
  { label: 'Proxy', formTypes: ['DEF 14A', 'DEFA14A'] },
];
