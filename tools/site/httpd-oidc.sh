#!/bin/sh
# httpd-oidc.sh BASE METADATA_URL CLIENT_ID CLIENT_SECRET PASSPHRASE REDIRECT_URI
#
# Print the Apache httpd config for a site with `auth = oidc`: mod_auth_openidc does the
# OpenID Connect login (authorization code + PKCE S256, acr_values=idporten-loa-high) for
# BASE/cgi-bin/oidc and hands the verified claims to that CGI program as environment
# variables only (OIDC_CLAIM_pid, OIDC_CLAIM_acr). It goes into the server or vhost config
# (mod_auth_openidc's provider directives are not allowed in .htaccess), e.g. appended to
# tools/site/httpd.sh's output, as tests/oidc/run.sh does through INSTANCE_EXTRA.
#
#   BASE          path of base_url ("" for a site at the host's root, "/brukerplan" ...)
#   METADATA_URL  the provider's discovery document. ID-porten, registered in Digdir's
#                 Samarbeidsportalen (integration type ID-porten, scopes openid profile):
#                   production  https://idporten.no/.well-known/openid-configuration
#                   test        https://test.idporten.no/.well-known/openid-configuration
#                 tests: http://127.0.0.1:PORT/.well-known/openid-configuration
#   CLIENT_ID, CLIENT_SECRET  from Samarbeidsportalen (token endpoint: client_secret_basic)
#   PASSPHRASE    random, for mod_auth_openidc's state cookie and cache encryption; may be
#                 "exec:/path/prog" to read it from a program instead of the config file
#   REDIRECT_URI  absolute, registered with the client: https://HOST$BASE/cgi-bin/oidc/callback
#                 (a path alone works too: mod_auth_openidc completes it from the request)
#
# Sessions live in mod_auth_openidc's shared-memory cache inside Apache: nothing on disk,
# so no run directory is needed. On a Debian server: `a2enmod auth_openidc authn_core authz_user`.
set -eu
[ $# -eq 6 ] || {
	echo "usage: httpd-oidc.sh BASE METADATA_URL CLIENT_ID CLIENT_SECRET PASSPHRASE REDIRECT_URI" >&2
	exit 2
}
base=$1 metadata=$2 client_id=$3 client_secret=$4 passphrase=$5 redirect=$6
mods=/usr/lib/apache2/modules

cat <<CONF
# Written by tools/site/httpd-oidc.sh: login through OpenID Connect (ID-porten) for auth = oidc.
# AuthType (authn_core), Require valid-user (authz_user), mod_auth_openidc itself
<IfModule !authn_core_module>
  LoadModule authn_core_module $mods/mod_authn_core.so
</IfModule>
<IfModule !authz_user_module>
  LoadModule authz_user_module $mods/mod_authz_user.so
</IfModule>
<IfModule !auth_openidc_module>
  LoadModule auth_openidc_module $mods/mod_auth_openidc.so
</IfModule>
OIDCProviderMetadataURL "$metadata"
OIDCClientID "$client_id"
OIDCClientSecret "$client_secret"
OIDCCryptoPassphrase "$passphrase"
OIDCRedirectURI "$redirect"
OIDCProviderTokenEndpointAuth client_secret_basic
# The flow ID-porten wants: code, PKCE S256, scopes openid profile (profile gives pid).
OIDCResponseType code
OIDCPKCEMethod S256
OIDCScope "openid profile"
# claims of the ID token and of userinfo, each as its own variable (OIDCPassClaimsAs below)
OIDCPassIDTokenAs claims
OIDCPassUserInfoAs claims
# The provider's HTTPS certificates are checked (mod_auth_openidc's default, said aloud).
OIDCSSLValidateServer On
# Cookies HttpOnly, SameSite (Lax on the state cookie, so the provider's redirect back
# still carries it; without this the default SameSite=None, which browsers drop on plain
# http), Secure by itself over https. The path is cgi-bin/, not cgi-bin/oidc: the module
# sets the state cookie for the directory of the request, which for .../cgi-bin/oidc is
# .../cgi-bin/ (a narrower OIDCCookiePath makes it warn and use that anyway).
OIDCCookiePath "$base/cgi-bin/"
OIDCCookieHTTPOnly On
OIDCCookieSameSite On
# The CGI makes its own session from the claims; this one is only for the login itself.
OIDCSessionInactivityTimeout 300
OIDCSessionMaxDuration 1800
<Location "$base/cgi-bin/oidc">
  AuthType openid-connect
  Require valid-user
  # ask for the high level; the CGI still checks OIDC_CLAIM_acr, since a provider may
  # answer with a lower level than asked for
  OIDCPathAuthRequestParams "acr_values=idporten-loa-high"
  # Claims (pid, acr, sub ...) reach the CGI as environment variables only, never as
  # request headers: a client's header always arrives as HTTP_*, so it cannot become
  # OIDC_CLAIM_pid. mod_auth_openidc also drops incoming headers named like its own
  # (OIDC_*, OIDC-*, any case), and Apache passes no header with "_" in its name to CGI.
  OIDCPassClaimsAs environment
  # its session cookie is none of the CGI's business
  OIDCStripCookies mod_auth_openidc_session mod_auth_openidc_session_chunks mod_auth_openidc_session_0 mod_auth_openidc_session_1
</Location>
CONF
