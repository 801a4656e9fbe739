/* drift.h: `bpadm backup`, `restore` and `verify` (README "Backup and restore"). Each
 * returns the exit status: 0, 1 on failure (the reason on stderr), 2 on wrong usage. */
#ifndef BP_BPADM_DRIFT_H
#define BP_BPADM_DRIFT_H

#include "config.h"

int cmd_backup(struct config *cfg, int argc, char **argv);
int cmd_restore(struct config *cfg, int argc, char **argv);
int cmd_verify(struct config *cfg, int argc, char **argv);

#endif
