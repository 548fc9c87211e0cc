import { FORM_TYPE_GROUPS } from '../filters/form-type-groups';

const GROUP_OF = new Map<string, string>(
  FORM_TYPE_GROUPS.flatMap((group) =>
    group.formTypes.map((form) => [form, group.label.toLowerCase()] as const),
  ),
);

/** The picker group of a form type (amendments count with their form), or `other`. */
export function formGroupOf(formType: string): string {
  const form = formType.trim().toUpperCase().replace(/\/A$/, '');
  return (
    GROUP_OF.get(form) ?? (form.startsWith('424B') ? 'registration' : 'other')
  );
}
