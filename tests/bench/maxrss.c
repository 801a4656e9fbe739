/* maxrss.c: run a program and print its peak resident set, for make bench.
 *
 *   maxrss PROGRAM [ARG...]
 *
 * The program's standard streams are ours; at its end "maxrss: KIB STATUS" goes to
 * standard error (STATUS its exit code, or 128 + the signal). A small C parent matters:
 * the kernel carries the resident high-water mark of the process over an exec, so a
 * program started from a large one (python) would report the large one's. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2) {
		fputs("usage: maxrss PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("maxrss: fork");
		return 1;
	}
	if (pid == 0) {
		execv(argv[1], argv + 1);
		perror("maxrss: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("maxrss: wait4");
		return 1;
	}
	fprintf(stderr, "maxrss: %ld %d\n", ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
