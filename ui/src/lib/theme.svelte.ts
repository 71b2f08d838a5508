// Light or dark, following the OS. Charts read this to pick their colours.
const query = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-color-scheme: dark)') : undefined;

const state = $state({ dark: query?.matches ?? false });

query?.addEventListener('change', (e) => {
  state.dark = e.matches;
});

export function isDark(): boolean {
  return state.dark;
}
