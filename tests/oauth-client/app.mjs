// A tiny seller app that logs its users in through KooGallery's unified login, the way
// a joint-operation SaaS product does (koogallery-apis.md §8) — here against
// Gallerist's login tester. node:http and fetch only, so it reads as a sample a seller
// can compare their own app with:
//
//   GET /login     → 302 to the tenant's authorize URL with a fresh state
//   GET /callback  → checks the state, exchanges the code, reads userinfo, answers the user as JSON
//   GET /me        → userinfo again; on a 401 it refreshes with its refresh_token and retries
//   GET /logout    → 302 to the tenant's logout with redirect_url back to the app
//
// `misbehave.reuseCode` makes the callback exchange its code a second time, the mistake
// the tester must catch.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * @param {{ domain: string, clientId: string, clientSecret: string, misbehave?: { reuseCode?: boolean } }} options
 * @returns {Promise<{ url: string, callback: string, stop: () => Promise<void> }>}
 */
export async function startApp({ domain, clientId, clientSecret, misbehave = {} }) {
  const pendingStates = new Set();
  /** @type {{ access_token: string, refresh_token: string } | null} */
  let tokens = null;
  let base = '';

  const callback = () => `${base}/callback`;

  async function tokenRequest(fields) {
    const answer = await fetch(`${domain}/api/v1/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret, ...fields }),
    });
    return { status: answer.status, body: await answer.json() };
  }

  async function userinfo() {
    const answer = await fetch(`${domain}/api/v1/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' },
    });
    return { status: answer.status, body: await answer.json() };
  }

  async function handle(req, res) {
    const url = new URL(req.url, base);
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login') {
      const state = randomBytes(16).toString('hex');
      pendingStates.add(state);
      const authorize = new URL(`${domain}/api/v1/oauth2/authorize`);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: callback(),
        scope: 'get_user_info',
        state,
      }).toString();
      return send(302, {}, { Location: authorize.toString() });
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state');
      if (!state || !pendingStates.delete(state)) return send(400, { error: 'unknown state: not a login this app started' });
      const code = url.searchParams.get('code');
      const grant = { grant_type: 'authorization_code', code, redirect_uri: callback() };
      const first = await tokenRequest(grant);
      if (first.status !== 200) return send(502, { error: 'token exchange failed', answer: first.body });
      tokens = first.body;
      const reuse = misbehave.reuseCode ? await tokenRequest(grant) : undefined;
      const user = await userinfo();
      return send(200, { user: user.body, reuse });
    }
    if (url.pathname === '/me') {
      if (!tokens) return send(401, { error: 'not logged in' });
      let user = await userinfo();
      if (user.status === 401) {
        const renewed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
        if (renewed.status !== 200) return send(401, { error: 'refresh failed', answer: renewed.body });
        tokens = { ...tokens, ...renewed.body };
        user = await userinfo();
        return send(user.status, { user: user.body, refreshed: true });
      }
      return send(user.status, { user: user.body, refreshed: false });
    }
    if (url.pathname === '/logout') {
      tokens = null;
      const logout = `${domain}/api/v1/logout?redirect_url=${encodeURIComponent(`${base}/`)}`;
      return send(302, {}, { Location: logout });
    }
    return send(404, { error: 'not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: String(e) }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    callback: callback(),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
