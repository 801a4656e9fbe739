/* pack.c: deflated XML values (pack.h), through zlib. */
#include <stdint.h>
#include <string.h>

#include <zlib.h>

#include "pack.h"

/* speed over the last few percent: every save deflates its record */
#define PACK_LEVEL 1
/* A 32 KB window (the 0x78 pack_xml knows), and a hash of 4,096 entries, not zlib's
 * default 32,768: a record is a few KB, and the default's tables (256 KB, the hash
 * cleared at every start) cost a save 19 page faults for the same bytes out. */
#define PACK_WINDOW_BITS 15
#define PACK_MEM_LEVEL 5

int
pack_deflate(const void *in, size_t n, struct buf *out)
{
	uLongf len;
	size_t at = out->len;
	z_stream z;
	int rc, zr;

	if (n > PACK_MAX)
		return BP_ETOOBIG;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, PACK_LEVEL, Z_DEFLATED, PACK_WINDOW_BITS, PACK_MEM_LEVEL,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return BP_ENOMEM;
	len = deflateBound(&z, (uLong)n);	/* for these settings, not compress2's */
	if ((rc = buf_reserve(out, (size_t)len)) != 0) {
		deflateEnd(&z);
		return rc;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out->p + at;
	z.avail_out = (uInt)len;
	zr = deflate(&z, Z_FINISH);		/* one call: len is the bound */
	len = z.total_out;
	deflateEnd(&z);
	if (zr != Z_STREAM_END)
		return BP_ENOMEM;
	out->len = at + (size_t)len;
	out->p[out->len] = '\0';
	return 0;
}

int
pack_xml(const void *in, size_t n, struct buf *out, const char **xml, size_t *len)
{
	const unsigned char *p = in;
	z_stream z;
	int zr;

	if (n > 0 && p[0] == '<') {
		*xml = in;
		*len = n;
		return 0;
	}
	/* a zlib stream: deflate, 32 KB window (RFC 1950: 0x78), header check */
	if (n < 2 || p[0] != 0x78 || ((p[0] << 8) | p[1]) % 31 != 0)
		return BP_EXML;
	buf_reset(out);
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return BP_ENOMEM;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		/* room for the next part: packed records unpack to about six times their size */
		if (buf_reserve(out, out->len < 8192 ? 8 * n : out->len) != 0) {
			inflateEnd(&z);
			return BP_ENOMEM;
		}
		/* the last byte of cap stays for the NUL */
		z.next_out = (Bytef *)out->p + out->len;
		z.avail_out = (uInt)(out->cap - out->len - 1);
		zr = inflate(&z, Z_NO_FLUSH);
		out->len = out->cap - 1 - z.avail_out;
	} while (zr == Z_OK && out->len <= PACK_MAX);
	inflateEnd(&z);
	out->p[out->len] = '\0';
	if (zr != Z_STREAM_END || out->len > PACK_MAX || z.avail_in != 0)
		return BP_EXML;
	*xml = out->p;
	*len = out->len;
	return 0;
}
