/* qr.h: QR codes (libqrencode) as SVG path data, so a stylesheet can draw them inline. */
#ifndef BP_QR_H
#define BP_QR_H

#include "util.h"

/* qr_path: appends "M x,y h n v 1 h -n z" runs of dark modules to path and sets *width
 * (modules per side, without the quiet zone). */
int qr_path(const char *text, struct buf *path, int *width);

#endif
