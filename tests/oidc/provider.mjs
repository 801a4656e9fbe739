// provider.mjs: a real OpenID Connect provider on loopback for the tests, standing in for
// ID-porten (oidc-provider, pinned in tests/browser/package.json). Like ID-porten it does the
// authorization-code flow with PKCE S256 only, puts `pid` (the person identifier) and `acr`
// in the ID token, never asks for consent, and has a TestID-like page: type a test user's
// pid, press the button. Each test user logs in at a fixed level, so the CGI's refusal of
// anything below idporten-loa-high can be tested.
//
//   node tests/oidc/provider.mjs [PORT [CLIENT_ID [CLIENT_SECRET [REDIRECT_URI]]]]
//   (or OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI)
//
// Issuer http://127.0.0.1:PORT; discovery at /.well-known/openid-configuration. Prints
// "oidc-provider listening on http://127.0.0.1:PORT" when it accepts connections. State is
// in memory (oidc-provider warns about that at start: right for a throwaway test provider).
import { createServer } from 'node:http';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// oidc-provider lives in tests/browser/node_modules (one package.json for all Node tests)
const require = createRequire(new URL('../browser/package.json', import.meta.url));
const { default: Provider } = await import(pathToFileURL(require.resolve('oidc-provider')));

const [argPort, argId, argSecret, argRedirect] = process.argv.slice(2);
const port = Number(argPort || process.env.OIDC_PORT);
const clientId = argId || process.env.OIDC_CLIENT_ID;
const clientSecret = argSecret || process.env.OIDC_CLIENT_SECRET;
const redirectUri = argRedirect || process.env.OIDC_REDIRECT_URI;
// where mod_auth_openidc's logout sends the browser back (RP-initiated logout)
const postLogoutUri = process.env.OIDC_POST_LOGOUT_URI || redirectUri.replace(/\/cgi-bin\/oidc\/callback$/, '/cgi-bin/login?melding=utlogget');
if (!port || !clientId || !clientSecret || !redirectUri) {
  console.error('usage: provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI (or OIDC_* env)');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

// Test users (synthetic identities, never real people) and the level each logs in at.
const USERS = {
  '24019049078': 'idporten-loa-high',
  '13097248032': 'idporten-loa-substantial',
  '05073500186': 'idporten-loa-high',
  '28127524618': 'idporten-loa-high',
};
// ID-porten's `sub` is a pairwise pseudonym, not the pid: mimic that, so nothing can
// mistake one for the other.
const subOf = (pid) => createHash('sha256').update(`sub:${pid}`).digest('base64url');

// A fresh RS256 signing key each run (oidc-provider's built-in key is for its demos only).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    // mod_auth_openidc's default, and what tools/site/httpd-oidc.sh configures
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { methods: ['S256'], required: () => true },
  responseTypes: ['code'],
  scopes: ['openid', 'profile'],
  acrValues: ['idporten-loa-high', 'idporten-loa-substantial'],
  // pid with scope profile, as at ID-porten; acr comes from the login below
  claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub'], profile: ['pid'] },
  // ID-porten puts pid in the ID token itself, not only in userinfo
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => (USERS[id] ? {
    accountId: id,
    claims: () => ({ sub: subOf(id), pid: id }),
  } : undefined),
  // no consent screen (ID-porten has none): grant openid profile as soon as someone logs in
  loadExistingGrant: async (ctx) => {
    const { client, session, result } = ctx.oidc;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: false }, // our own login page below
    // RP-initiated logout, as ID-porten's end_session endpoint; ID-porten logs out at once,
    // this test provider asks first (one button), as oidc-provider's form wants a POST
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.type = 'html';
        ctx.body = `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>TestID – logg ut</title></head>
<body><main><h1>TestID</h1><p>Logg ut av testinnloggingen?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Logg ut</button></main></body></html>`;
      },
    },
  },
  // lifetimes in seconds (a test run is short; ID-porten's ID token lives 120 s)
  ttl: { AuthorizationCode: 60, IdToken: 120, AccessToken: 120, Interaction: 600, Session: 3600, Grant: 3600 },
  // when something fails, show why in the browser and the log (tests only)
  renderError: async (ctx, out) => {
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `oidc-provider error: ${out.error}: ${out.error_description ?? ''}\n`;
  },
});
for (const ev of ['server_error', 'authorization.error', 'grant.error', 'userinfo.error']) {
  provider.on(ev, (ctx, err) => console.error(`oidc-provider ${ev}: ${err.message} ${err.error_description ?? ''}`));
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function loginPage(res, uid, error) {
  res.writeHead(error ? 400 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>TestID (testleverandør)</title></head>
<body><main><h1>TestID</h1>
<p>Testinnlogging for Brukerplan. Testbrukere: 24019049078, 05073500186 og 28127524618 (høyt nivå), 13097248032 (betydelig nivå).</p>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="pid">Personidentifikator</label>
<input id="pid" name="pid" inputmode="numeric" autocomplete="off" required>
<button type="submit">Autentiser</button>
</form></main></body></html>
`);
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10000) throw new Error('body too large');
  }
  return new URLSearchParams(body);
}

// Our two interaction routes and the icon; everything else is oidc-provider itself.
const handle = provider.callback();
createServer(async (req, res) => {
  // ID-porten's pages have an icon; these have none, and Chromium's own request for one
  // would answer 404, a console error in whichever test is on the page when it lands
  if (req.url === '/favicon.ico') {
    res.writeHead(204, { 'Cache-Control': 'max-age=3600' });
    return res.end();
  }
  const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url);
  if (!m) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== m[1] || details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
    if (req.method === 'GET' && !m[2]) return loginPage(res, details.uid);
    if (req.method !== 'POST' || !m[2]) throw new Error('method');
    const pid = ((await formBody(req)).get('pid') || '').trim();
    if (!USERS[pid]) return loginPage(res, details.uid, 'Ukjent testbruker.');
    // the level is the user's, whatever acr_values asked for: ID-porten's acr_values is a
    // minimum the user may not reach, so the client must check the acr it gets back
    return await provider.interactionFinished(req, res,
      { login: { accountId: pid, acr: USERS[pid], amr: ['TestID'] } },
      { mergeWithLastSubmission: false });
  } catch (err) {
    console.error(`oidc-provider interaction: ${err.message}`);
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${err.message}\n`);
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
