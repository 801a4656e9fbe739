/* qr.c: encode text as a QR code and describe its dark modules as SVG path data. */
#include <qrencode.h>

#include "qr.h"

int
qr_path(const char *text, struct buf *path, int *width)
{
	QRcode *qr;
	int x, y, run, w;

	/* level M: what authenticator apps are tested with; survives a smudged screen */
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return BP_ENOMEM;
	w = qr->width;
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w && (qr->data[y * w + x + run] & 1); run++)
				;
			if (run > 0)
				buf_printf(path, "M%d,%dh%dv1h-%dz", x, y, run, run);
		}
	QRcode_free(qr);
	*width = w;
	return path->err;
}
