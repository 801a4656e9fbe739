/* hello.c: the yardstick of `make bench`, the cheapest useful C CGI program. */
#include <stdio.h>

int
main(void)
{
	fputs("Content-Type: text/plain\r\n\r\nhello\n", stdout);
	return 0;
}
