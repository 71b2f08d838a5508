// Where an issue belongs in the editor. Issue fields are paths into the draft
// (`name`, `main_images[1]`, `specs[0].skus[2]`, `after_sales.service_time.time_zone`);
// inputs carry the path they edit in `data-field`. An issue belongs to the input whose
// path is the longest prefix of the issue's, found by cutting `[n]` and `.x` off the end.

/** One level up: `specs[0].skus[2]` → `specs[0].skus` → `specs[0]` → `specs` → null. */
export function parentPath(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : null;
}

/** The input an issue points at: the longest of `available` that is a prefix of `issueField`. */
export function nearestField(issueField: string, available: ReadonlySet<string> | readonly string[]): string | null {
  const has = (p: string) => ('has' in available ? available.has(p) : available.includes(p));
  for (let path: string | null = issueField.trim(); path; path = parentPath(path)) {
    if (has(path)) return path;
  }
  return null;
}

/** Issues grouped by the input they belong to; issues no input holds are left out. */
export function issuesByInput<T extends { field: string }>(
  issues: readonly T[],
  available: ReadonlySet<string> | readonly string[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const issue of issues) {
    const at = nearestField(issue.field, available);
    if (at === null) continue;
    const list = out.get(at);
    if (list) list.push(issue);
    else out.set(at, [issue]);
  }
  return out;
}

/** A DOM id for the input of a field path: `specs[0].skus[2]` → `f-specs-0-skus-2`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

/** What a labelled input receives from its field wrapper (spread onto the control). */
export interface FieldAttrs {
  id: string;
  'data-field': string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}
