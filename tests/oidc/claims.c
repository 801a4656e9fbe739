/* claims.c: test-only CGI program standing in for the real `oidc` program. It prints, as
 * text/plain, the claims mod_auth_openidc put in its environment, and the names of any
 * request-header variables that look like claims, so tests/oidc/oidc.test.mjs can see both
 * what a login delivers and that a client cannot forge it. Built by tests/oidc/run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

/* the value, or "(unset)": an empty claim and a missing one must look different */
static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v ? v : "(unset)";
}

int main(void)
{
	int n = 0;

	printf("Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n\r\n");
	printf("pid=%s\n", env("OIDC_CLAIM_pid"));
	printf("acr=%s\n", env("OIDC_CLAIM_acr"));
	printf("path_info=%s\n", env("PATH_INFO"));
	/* a header "X: v" arrives as HTTP_X; list every such variable naming OIDC */
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '='), *oidc = strstr(*e, "OIDC");
		if (eq && oidc && oidc < eq && strncmp(*e, "HTTP_", 5) == 0) {
			printf("header_var=%.*s\n", (int)(eq - *e), *e);
			n++;
		}
	}
	printf("header_vars=%d\n", n);
	return 0;
}
