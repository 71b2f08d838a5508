// Calling the web-mode server's commands directly, for setting up what a test needs
// (a case, a big import) or reading what the page should show.
import assert from 'node:assert/strict';

/** Runs a command that must succeed; returns its result. */
export async function api(url, command, args) {
  const r = await fetch(`${url}/api/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await r.json();
  assert.ok(r.ok, `${command} should succeed: ${JSON.stringify(body)}`);
  return body;
}

/** The embedded sandbox account's id. */
export async function sandboxAccount(url) {
  const accounts = await api(url, 'list_accounts', {});
  return accounts.find((a) => a.isSandbox).id;
}
