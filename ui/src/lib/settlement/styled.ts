// Inline sizes under a strict CSP: `style-src 'self'` refuses style attributes, but not
// properties set through the CSSOM, so computed sizes go in this way.
export function styled(node: HTMLElement, props: Record<string, string>) {
  const apply = (next: Record<string, string>) => {
    for (const [name, value] of Object.entries(next)) node.style.setProperty(name, value);
  };
  apply(props);
  return { update: apply };
}
